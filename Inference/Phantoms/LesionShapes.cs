using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>The partial-volume fraction of a lesion at a point (relative to the head centre, inside the brain ellipsoid).</summary>
internal static class LesionShapes
{
    public static double Fraction(LesionSpec lesion, Vector3d p, Vector3d brain, double sulcus, double h) => lesion.Kind switch
    {
        LesionKind.Intraparenchymal => SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p - Inside(lesion, brain), lesion.RadiiMm), h),
        LesionKind.Subdural => Crescent(lesion, p, brain, h),
        LesionKind.Epidural => Lens(lesion, p, brain, h),
        _ => sulcus * SoftShapes.Fraction((p - Inside(lesion, brain)).Length - lesion.RadiiMm.X, h),
    };

    /// <summary>The point along the lesion's direction at its normalised depth in the brain ellipsoid.</summary>
    private static Vector3d Inside(LesionSpec lesion, Vector3d brain)
    {
        var d = lesion.Direction;
        return d * (lesion.Depth / SoftShapes.NormalisedRadius(d, brain));
    }

    /// <summary>A subdural crescent: a shell under the inner skull, thickest along the direction, thinning to nothing at the edge.</summary>
    private static double Crescent(LesionSpec lesion, Vector3d p, Vector3d brain, double h)
    {
        var r = SoftShapes.NormalisedRadius(p, brain);
        if (r < 0.5)
            return 0;
        var depthBelowSurface = p.Length * (1 - r) / r;
        var unit = new Vector3d(p.X / brain.X, p.Y / brain.Y, p.Z / brain.Z).Normalized();
        var axis = new Vector3d(lesion.Direction.X / brain.X, lesion.Direction.Y / brain.Y, lesion.Direction.Z / brain.Z).Normalized();
        var angle = Math.Acos(Math.Clamp(unit.Dot(axis), -1, 1)) * 180 / Math.PI;
        var taper = 1 - angle / lesion.AngularExtentDegrees * (angle / lesion.AngularExtentDegrees);
        return taper <= 0 ? 0 : SoftShapes.Fraction(depthBelowSurface - lesion.ThicknessMm * taper, h);
    }

    /// <summary>An epidural lens: an ellipsoid centred on the inner skull surface, thin radially, wide tangentially.</summary>
    private static double Lens(LesionSpec lesion, Vector3d p, Vector3d brain, double h)
    {
        var surface = Inside(lesion, brain);
        var normal = lesion.Direction.Normalized();
        var q = p - surface;
        var radial = q.Dot(normal);
        var tangential = (q - normal * radial).Length;
        var (t, w) = (lesion.ThicknessMm, lesion.RadiiMm.X);
        var r = Math.Sqrt(radial / t * (radial / t) + tangential / w * (tangential / w));
        var distance = r > 1e-9 ? q.Length * (r - 1) / r : -t;
        return SoftShapes.Fraction(distance, h);
    }
}
