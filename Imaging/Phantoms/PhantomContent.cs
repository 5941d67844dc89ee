using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Phantoms;

/// <summary>The HU of the phantom at a patient position: markers over the head ellipsoid over air.</summary>
internal static class PhantomContent
{
    public const double AirHu = -1000;

    /// <summary>Null means outside the head (air, or padding when the spec asks for it).</summary>
    public static double? HuAt(PhantomSpec spec, Vector3d point)
    {
        foreach (var marker in spec.Markers)
        {
            if ((point - marker.Position).Length <= marker.RadiusMm)
                return marker.Hu;
        }
        var a = spec.HeadSemiAxesMm;
        var inside = (point.X / a.X) * (point.X / a.X) + (point.Y / a.Y) * (point.Y / a.Y) + (point.Z / a.Z) * (point.Z / a.Z) <= 1;
        return inside ? spec.HeadHu : null;
    }
}
