using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>Everything outside the skull: scalp and temporalis, the face with orbits and sinus walls, jaw, neck and spine.</summary>
internal sealed partial class HeadModel
{
    private const double FatHu = -90;
    private const double SkinHu = 30;

    /// <summary>Signed distance to the skin: the scalp over the skull (thicker over the temples), the face, the neck.</summary>
    private double SkinDistance(Vector3d p)
    {
        var scalp = _spec.ScalpThicknessMm + _anatomy.TemporalisMm * TemporalWeight(p);
        var cranium = SoftShapes.EllipsoidDistance(p, _s) - scalp;
        if (cranium < -20)
            return cranium;
        var face = SoftShapes.EllipsoidDistance(p - new Vector3d(0, -0.5 * _s.Y, -1.0 * _s.Z), new Vector3d(0.95 * _s.X, 0.68 * _s.Y, 0.62 * _s.Z));
        var nose = SoftShapes.EllipsoidDistance(p - new Vector3d(0, -1.12 * _s.Y, -0.78 * _s.Z), new Vector3d(10, 16, 24));
        var neck = Math.Max(EllipseDistance(p.X, p.Y - 0.1 * _s.Y, 0.62 * _s.X, 0.6 * _s.Y), p.Z + 0.5 * _s.Z);
        var skin = Math.Min(Math.Min(cranium, face), Math.Min(nose, neck));
        return Math.Min(skin, BrowDistance(p) - _spec.ScalpThicknessMm);
    }

    /// <summary>1 over the temporal fossa (where the temporalis lies on the skull), fading out around it.</summary>
    private double TemporalWeight(Vector3d p) =>
        SoftShapes.SmoothStep(0.45 * _s.X, 0.7 * _s.X, Math.Abs(p.X))
        * (1 - SoftShapes.SmoothStep(0.1 * _s.Z, 0.45 * _s.Z, p.Z))
        * (1 - SoftShapes.SmoothStep(0.05 * _s.Y, 0.35 * _s.Y, p.Y));

    private static double EllipseDistance(double x, double y, double a, double b)
    {
        var r = Math.Sqrt(x / a * (x / a) + y / b * (y / b));
        var length = Math.Sqrt(x * x + y * y);
        return r > 1e-9 ? length * (r - 1) / r : -Math.Min(a, b);
    }

    /// <summary>
    /// Soft tissue under the skin: over the skull skin, subcutaneous fat and the temporalis; elsewhere muscle parted by
    /// fat planes.
    /// </summary>
    private double ExtracranialSoftTissue(Vector3d p, double skin)
    {
        var depth = -skin;
        if (depth < 1.5)
            return SkinHu;
        var overSkull = SoftShapes.EllipsoidDistance(p, _s);
        if (overSkull > 0 && p.Z > -0.55 * _s.Z)
            return overSkull < _anatomy.TemporalisMm * TemporalWeight(p) ? _anatomy.MuscleHu : SoftShapes.Lerp(FatHu, SkinHu, 0.25);
        if (depth < 6)
            return FatHu;
        // Thin fat planes between muscle bellies.
        var planes = Math.Min(Math.Abs(Math.Sin(0.11 * p.X + 0.04 * p.Y + 0.02 * p.Z)), Math.Abs(Math.Sin(0.09 * p.Y - 0.05 * p.X + 0.7)));
        return SoftShapes.Lerp(_anatomy.MuscleHu, FatHu, 0.85 * (1 - SoftShapes.SmoothStep(0.04, 0.14, planes)));
    }

    /// <summary>Orbits with fat, globe and lens; masseters; the airway.</summary>
    private double FaceAndNeck(Vector3d p, double hu, double h)
    {
        if (p.Z > _anteriorFloorZ)
            return hu;
        for (var side = -1; side <= 1; side += 2)
        {
            var orbit = SoftShapes.EllipsoidDistance(p - OrbitCentre(side), new Vector3d(17, 24, 16));
            if (orbit < h)
            {
                hu = SoftShapes.Lerp(hu, FatHu, SoftShapes.Fraction(orbit, h));
                var globeCentre = new Vector3d(side * 0.4 * _s.X, -_s.Y + 8, OrbitCentre(side).Z);
                hu = SoftShapes.Lerp(hu, 10, SoftShapes.Fraction((p - globeCentre).Length - 12, h));
                var lens = SoftShapes.EllipsoidDistance(p - (globeCentre + new Vector3d(0, -9.5, 0)), new Vector3d(4.5, 2, 4.5));
                hu = SoftShapes.Lerp(hu, 95, SoftShapes.Fraction(lens, h));
            }
            var masseter = SoftShapes.BoxDistance(p, new Vector3d(side * (0.78 * _s.X + 10), -0.25 * _s.Y, -1.25 * _s.Z), new Vector3d(6, 0.22 * _s.Y, 0.35 * _s.Z));
            hu = SoftShapes.Lerp(hu, _anatomy.MuscleHu + 3, SoftShapes.Fraction(masseter, h));
        }
        if (p.Z < -1.02 * _s.Z)
        {
            var airway = EllipseDistance(p.X, p.Y - (_foramenY - 42), 11, 7);
            hu = SoftShapes.Lerp(hu, PhantomHu.Air, SoftShapes.Fraction(airway, h));
        }
        return hu;
    }

    private Vector3d OrbitCentre(int side) => new(side * 0.4 * _s.X, -_s.Y + 26, _anteriorFloorZ - 20);

    /// <summary>
    /// Bones outside the cranial vault: orbital walls, sphenoid body, maxillary walls and hard palate, mastoid processes,
    /// zygomatic arches, mandibular rami, and the first two vertebrae around the spinal canal.
    /// </summary>
    private double FacialBoneDistance(Vector3d p)
    {
        if (p.Z > _anteriorFloorZ + 4)
            return double.MaxValue;
        var scale = _anatomy.SinusScale;
        var bone = SoftShapes.EllipsoidDistance(p - new Vector3d(0, -0.28 * _s.Y, _middleFloorCentreZ - 14), new Vector3d(18, 16, 14) * scale);
        bone = Math.Min(bone, SoftShapes.BoxDistance(p, new Vector3d(0, -0.7 * _s.Y, -1.45 * _s.Z), new Vector3d(0.35 * _s.X, 0.3 * _s.Y, 2.5)));
        for (var side = -1; side <= 1; side += 2)
        {
            var orbitWall = Math.Abs(SoftShapes.EllipsoidDistance(p - OrbitCentre(side), new Vector3d(18, 25, 17))) - 1;
            if (p.Y > -_s.Y + 4)
                bone = Math.Min(bone, orbitWall);
            var maxillary = Math.Abs(SoftShapes.EllipsoidDistance(p - new Vector3d(side * 0.36 * _s.X, -0.72 * _s.Y, -1.05 * _s.Z), new Vector3d(16, 18, 17) * scale)) - 1;
            bone = Math.Min(bone, maxillary);
            bone = Math.Min(bone, SoftShapes.EllipsoidDistance(p - new Vector3d(side * 0.84 * _s.X, 0.34 * _s.Y, -0.62 * _s.Z), new Vector3d(14, 17, 16)));
            bone = Math.Min(bone, SoftShapes.CapsuleDistance(p, new Vector3d(side * 0.86 * _s.X, -0.05 * _s.Y, -0.8 * _s.Z),
                new Vector3d(side * 0.72 * _s.X, -0.6 * _s.Y, -0.84 * _s.Z), 4));
            bone = Math.Min(bone, SoftShapes.BoxDistance(p, new Vector3d(side * 0.78 * _s.X, -0.25 * _s.Y, -1.3 * _s.Z), new Vector3d(4, 0.2 * _s.Y, 0.35 * _s.Z)));
        }
        if (p.Z < -1.02 * _s.Z)
        {
            var radial = Math.Sqrt(p.X * p.X + (p.Y - _foramenY) * (p.Y - _foramenY));
            var ring = Math.Max(Math.Abs(radial - (_foramenRadius + 3.5)) - 2.5, Math.Abs(p.Z + 1.17 * _s.Z) - 6);
            var body = Math.Max(EllipseDistance(p.X, p.Y - (_foramenY - 24), 11, 10), p.Z + 1.1 * _s.Z);
            bone = Math.Min(bone, Math.Min(ring, body));
        }
        return bone;
    }
}
