using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>The skull: vault, skull base with its three fossae, petrous ridges, foramen magnum, and the air spaces in it.</summary>
internal sealed partial class HeadModel
{
    /// <summary>
    /// The skull-base floor under point (x, y): the anterior fossa high over the orbits, the middle fossa low at the
    /// sides and higher at the sella, and no floor behind (the posterior fossa is the bottom of the ellipsoid).
    /// </summary>
    private double FloorZ(double x, double y)
    {
        var anterior = 1 - SoftShapes.SmoothStep(-0.45 * _b.Y, -0.3 * _b.Y, y);
        var posterior = SoftShapes.SmoothStep(0.02 * _b.Y, 0.2 * _b.Y, y);
        var middle = SoftShapes.Lerp(_middleFloorCentreZ, _middleFloorSideZ, SoftShapes.SmoothStep(0.18 * _b.X, 0.4 * _b.X, Math.Abs(x)));
        return anterior * _anteriorFloorZ + (1 - anterior) * ((1 - posterior) * middle + posterior * -2 * _b.Z);
    }

    /// <summary>Signed distance to the intracranial cavity: inside the inner table, above the floor, outside the petrous bones, and the spinal canal.</summary>
    private double CavityDistance(Vector3d p)
    {
        var distance = Math.Max(SoftShapes.EllipsoidDistance(p, _b), FloorZ(p.X, p.Y) - p.Z);
        distance = Math.Max(distance, -PetrousDistance(p));
        var canal = Math.Max(Math.Sqrt(p.X * p.X + (p.Y - _foramenY) * (p.Y - _foramenY)) - _foramenRadius, p.Z + 0.8 * _b.Z);
        return Math.Min(distance, canal);
    }

    private double PetrousDistance(Vector3d p)
    {
        var side = p.X >= 0 ? 0 : 1;
        return SoftShapes.CapsuleDistance(p, _petrousLateral[side], _petrousMedial[side], _anatomy.PetrousRadiusMm);
    }

    /// <summary>
    /// Signed distance to bone: the shell between the outer and inner tables down to the underside of the skull base,
    /// the petrous ridges, the frontal bone's brow over the frontal sinus, and the bones of face and neck.
    /// </summary>
    private double BoneDistance(Vector3d p, double cavityDistance)
    {
        var underside = FloorZ(p.X, p.Y) - SkullBaseThickness(p.Y);
        var vault = Math.Max(Math.Max(SoftShapes.EllipsoidDistance(p, _s), -cavityDistance), underside - p.Z);
        var bone = Math.Min(vault, PetrousDistance(p));
        bone = Math.Min(bone, Math.Max(BrowDistance(p), -cavityDistance));
        return Math.Min(bone, FacialBoneDistance(p));
    }

    private double SkullBaseThickness(double y) => SoftShapes.Lerp(4, 8, SoftShapes.SmoothStep(-0.45 * _b.Y, -0.2 * _b.Y, y));

    /// <summary>The thickened frontal bone at the brow that holds the frontal sinus.</summary>
    private double BrowDistance(Vector3d p)
    {
        if (_anatomy.FrontalSinusWidthMm <= 0)
            return double.MaxValue;
        var centre = new Vector3d(0, -_b.Y - 4, _anteriorFloorZ + 12);
        var axes = new Vector3d(_anatomy.FrontalSinusWidthMm + 8, 6, _anatomy.FrontalSinusHeightMm + 6);
        return SoftShapes.EllipsoidDistance(p - centre, axes);
    }

    /// <summary>Bone HU: dense petrous bone, otherwise the skull's own density with a denser outer layer.</summary>
    private double BoneHu(Vector3d p) => PetrousDistance(p) < 0 ? _anatomy.PetrousHu : _spec.BoneHu;

    /// <summary>Frontal, sphenoid, maxillary and ethmoid sinuses, mastoid air cells and the nasal cavity, carved out of what is there.</summary>
    private double SkullBaseAirSpaces(Vector3d p, double hu, double h)
    {
        if (p.Z > _anteriorFloorZ + 30)
            return hu;
        var scale = _anatomy.SinusScale;
        if (_anatomy.FrontalSinusWidthMm > 0)
        {
            var frontal = SoftShapes.EllipsoidDistance(p - new Vector3d(0, -_b.Y - 4, _anteriorFloorZ + 12),
                new Vector3d(_anatomy.FrontalSinusWidthMm, 3.5, _anatomy.FrontalSinusHeightMm));
            hu = SoftShapes.Lerp(hu, PhantomHu.Air, SoftShapes.Fraction(frontal, h));
        }
        var sphenoid = SoftShapes.EllipsoidDistance(p - new Vector3d(0, -0.28 * _s.Y, _middleFloorCentreZ - 14), new Vector3d(14, 12, 10) * scale);
        hu = SoftShapes.Lerp(hu, PhantomHu.Air, SoftShapes.Fraction(sphenoid, h));
        for (var side = -1; side <= 1; side += 2)
        {
            var maxillary = SoftShapes.EllipsoidDistance(p - new Vector3d(side * 0.36 * _s.X, -0.72 * _s.Y, -1.05 * _s.Z), new Vector3d(15, 17, 16) * scale);
            hu = SoftShapes.Lerp(hu, PhantomHu.Air, SoftShapes.Fraction(maxillary, h));
            var mastoid = SoftShapes.EllipsoidDistance(p - new Vector3d(side * 0.84 * _s.X, 0.34 * _s.Y, -0.62 * _s.Z), new Vector3d(13, 16, 15));
            if (mastoid < h)
                hu = SoftShapes.Lerp(hu, PhantomHu.Air, SoftShapes.Fraction(mastoid, h) * AirCells(p, _anatomy.MastoidAir));
        }
        var ethmoid = SoftShapes.BoxDistance(p, new Vector3d(0, -0.78 * _s.Y, _anteriorFloorZ - 13), new Vector3d(12 * scale, 0.22 * _s.Y, 11));
        if (ethmoid < h)
            hu = SoftShapes.Lerp(hu, PhantomHu.Air, SoftShapes.Fraction(ethmoid, h) * AirCells(p, 0.75));
        var nasal = SoftShapes.BoxDistance(p, new Vector3d(0, -0.75 * _s.Y - 5, -1.0 * _s.Z), new Vector3d(11 * scale, 0.4 * _s.Y, 0.42 * _s.Z));
        if (nasal < h)
        {
            // The septum and the turbinates stay: thin bone in the midline, soft tissue along the walls.
            var septum = Math.Abs(p.X) - 1;
            var turbinate = Math.Abs(Math.Abs(p.X) - 8 * scale) - 2.5 + 2 * Math.Sin(p.Z * 0.35);
            var open = SoftShapes.Fraction(nasal, h) * (1 - SoftShapes.Fraction(septum, h)) * (1 - SoftShapes.Fraction(turbinate, h));
            hu = SoftShapes.Lerp(hu, PhantomHu.Air, open);
        }
        return hu;
    }

    /// <summary>A honeycomb of air cells with bony septa; <paramref name="air"/> is the share of air.</summary>
    private static double AirCells(Vector3d p, double air)
    {
        var cell = Math.Sin(p.X * 0.9) * Math.Sin(p.Y * 0.8 + 1.1) * Math.Sin(p.Z * 0.85 + 0.4);
        return SoftShapes.SmoothStep(1 - air - 0.1, 1 - air + 0.1, (cell + 1) / 2 + 0.3 * (air - 0.5));
    }
}
