using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Approximate signed distances to ellipsoids and the partial-volume fraction of a voxel of width h at a distance d
/// from a surface (linear ramp over one voxel), so edges blend like a real CT's.
/// </summary>
internal static class SoftShapes
{
    /// <summary>Signed distance (mm, negative inside) to an axis-aligned ellipsoid, measured along the ray from its centre.</summary>
    public static double EllipsoidDistance(Vector3d p, Vector3d semiAxes)
    {
        var r = NormalisedRadius(p, semiAxes);
        var length = p.Length;
        return r > 1e-9 ? length * (r - 1) / r : -Math.Min(semiAxes.X, Math.Min(semiAxes.Y, semiAxes.Z));
    }

    public static double NormalisedRadius(Vector3d p, Vector3d a) =>
        Math.Sqrt(p.X / a.X * (p.X / a.X) + p.Y / a.Y * (p.Y / a.Y) + p.Z / a.Z * (p.Z / a.Z));

    public static double Fraction(double distanceMm, double voxelMm) => Math.Clamp(0.5 - distanceMm / voxelMm, 0, 1);

    public static double Lerp(double from, double to, double t) => from + (to - from) * t;
}
