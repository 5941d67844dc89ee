using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Approximate signed distances (mm, negative inside) to simple solids and the partial-volume fraction of a voxel of
/// width h at a distance d from a surface (linear ramp over one voxel), so edges blend like a real CT's.
/// </summary>
internal static class SoftShapes
{
    /// <summary>Signed distance to an axis-aligned ellipsoid, measured along the ray from its centre.</summary>
    public static double EllipsoidDistance(Vector3d p, Vector3d semiAxes)
    {
        var r = NormalisedRadius(p, semiAxes);
        var length = p.Length;
        return r > 1e-9 ? length * (r - 1) / r : -Math.Min(semiAxes.X, Math.Min(semiAxes.Y, semiAxes.Z));
    }

    public static double NormalisedRadius(Vector3d p, Vector3d a) =>
        Math.Sqrt(p.X / a.X * (p.X / a.X) + p.Y / a.Y * (p.Y / a.Y) + p.Z / a.Z * (p.Z / a.Z));

    /// <summary>Signed distance to a capsule: the segment a–b thickened by <paramref name="radius"/>.</summary>
    public static double CapsuleDistance(Vector3d p, Vector3d a, Vector3d b, double radius)
    {
        var ab = b - a;
        var t = Math.Clamp((p - a).Dot(ab) / ab.Dot(ab), 0, 1);
        return (p - (a + ab * t)).Length - radius;
    }

    /// <summary>Signed distance to an axis-aligned box given by its centre and half-sizes.</summary>
    public static double BoxDistance(Vector3d p, Vector3d centre, Vector3d half)
    {
        var (qx, qy, qz) = (Math.Abs(p.X - centre.X) - half.X, Math.Abs(p.Y - centre.Y) - half.Y, Math.Abs(p.Z - centre.Z) - half.Z);
        var outside = Math.Sqrt(Math.Max(qx, 0) * Math.Max(qx, 0) + Math.Max(qy, 0) * Math.Max(qy, 0) + Math.Max(qz, 0) * Math.Max(qz, 0));
        return outside + Math.Min(Math.Max(qx, Math.Max(qy, qz)), 0);
    }

    public static double Fraction(double distanceMm, double voxelMm) => Math.Clamp(0.5 - distanceMm / voxelMm, 0, 1);

    public static double Lerp(double from, double to, double t) => from + (to - from) * t;

    /// <summary>0 below <paramref name="edge0"/>, 1 above <paramref name="edge1"/>, smooth between.</summary>
    public static double SmoothStep(double edge0, double edge1, double x)
    {
        var t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }
}
