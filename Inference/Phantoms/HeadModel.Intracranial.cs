using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// The contents of the cavity: cerebrum (grey over a white core, ventricles, sulci, CSF rim), falx and tentorium,
/// dural venous sinuses, cerebellum, brainstem and basal cisterns, the calcifications that mimic blood, and the lesion.
/// </summary>
internal sealed partial class HeadModel
{
    private (double Hu, double Lesion) Intracranial(Vector3d p, double cavityDistance, double h)
    {
        var tentorium = TentoriumZ(p.X, p.Y);
        var infratentorial = p.Y > -0.05 * _b.Y && p.Z < tentorium;
        var (tissue, sulcus) = infratentorial ? (PosteriorFossa(p, h), 0.0) : Cerebrum(p, cavityDistance, h);
        tissue = Midline(p, tissue, tentorium, infratentorial, h);
        if (p.Y > -0.05 * _b.Y)
            tissue = SoftShapes.Lerp(tissue, _anatomy.DuraHu, SoftShapes.Fraction(Math.Abs(p.Z - tentorium) - 0.6, h) * SoftShapes.Fraction(cavityDistance + 1, h));
        tissue = VenousSinuses(p, tissue, cavityDistance, tentorium, h);
        tissue = Calcifications(p, tissue, h);
        var lesion = _spec.Lesion is { } l ? LesionFraction(l, p, sulcus, h) : 0;
        tissue = SoftShapes.Lerp(tissue, _spec.Lesion?.Hu ?? 0, lesion);
        return (tissue, lesion);
    }

    /// <summary>The tentorium: rising from the petrous ridges to the straight sinus, down to the torcula behind.</summary>
    private double TentoriumZ(double x, double y)
    {
        var across = Math.Max(0, 1 - x / (0.8 * _b.X) * (x / (0.8 * _b.X)));
        var along = Math.Sin(Math.PI * Math.Clamp((y + 0.05 * _b.Y) / (1.05 * _b.Y), 0, 1));
        return _petrousZ + 4 + 24 * across * along;
    }

    /// <summary>Grey matter over a white-matter core, two lateral ventricles and a third, sulci and a CSF rim under the inner table.</summary>
    private (double Hu, double Sulcus) Cerebrum(Vector3d p, double cavityDistance, double h)
    {
        var brain = _b;
        var r = SoftShapes.NormalisedRadius(p, brain);
        var azimuth = Math.Atan2(p.Y / brain.Y, p.X / brain.X);
        var elevation = Math.Asin(Math.Clamp(p.Z / brain.Z / Math.Max(r, 1e-9), -1, 1));
        var wobble = 3 * Math.Sin(azimuth * 7 + _spec.SulcalPhase) * Math.Cos(elevation * 5);
        var whiteCore = new Vector3d(brain.X * 0.68, brain.Y * 0.7, brain.Z * 0.66);
        var white = SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p - new Vector3d(0, 0, 0.08 * brain.Z), whiteCore) + wobble, 2 * h);
        var tissue = SoftShapes.Lerp(_spec.GreyHu, _spec.WhiteHu, white);

        var sulcalBand = 0.0;
        if (r > 0.8)
        {
            var fold = Math.Sin(azimuth * 13 + _spec.SulcalPhase) * Math.Sin(elevation * 9 + 1.3 * _spec.SulcalPhase);
            sulcalBand = Math.Clamp(1 - Math.Abs(fold) / 0.16, 0, 1) * Math.Clamp((r - 0.8) / 0.08, 0, 1);
        }
        var rim = Math.Clamp((cavityDistance + 2.2) / 1.6, 0, 1);
        var sulcus = Math.Max(sulcalBand, rim);
        var ventricles = Math.Max(
            SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p - new Vector3d(0.13 * brain.X, -0.05 * brain.Y, 0.12 * brain.Z), Ventricle(brain)), h),
            SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p - new Vector3d(-0.13 * brain.X, -0.05 * brain.Y, 0.12 * brain.Z), Ventricle(brain)), h));
        var third = SoftShapes.Fraction(SoftShapes.BoxDistance(p, new Vector3d(0, 0.02 * brain.Y, 0), new Vector3d(1.5, 0.12 * brain.Y, 0.1 * brain.Z)), h);
        var cisterns = Cisterns(p, h);
        var csf = Math.Max(Math.Max(sulcus, ventricles), Math.Max(third, cisterns));
        return (SoftShapes.Lerp(tissue, _spec.CsfHu, csf), sulcus);
    }

    private static Vector3d Ventricle(Vector3d brain) => new(0.1 * brain.X, 0.32 * brain.Y, 0.16 * brain.Z);

    /// <summary>Suprasellar and ambient cisterns: CSF in a ring around the midbrain and in front of it.</summary>
    private double Cisterns(Vector3d p, double h)
    {
        var level = Math.Abs(p.Z - (_petrousZ + 13)) - 5;
        if (level > h)
            return 0;
        var axisY = 0.1 * _b.Y;
        var radial = Math.Sqrt(p.X * p.X + (p.Y - axisY) * (p.Y - axisY));
        var ring = Math.Abs(radial - 15) - 4;
        var suprasellar = Math.Sqrt(p.X * p.X + (p.Y + 0.12 * _b.Y) * (p.Y + 0.12 * _b.Y)) - 9;
        return SoftShapes.Fraction(Math.Max(Math.Min(ring, suprasellar), level), h);
    }

    /// <summary>Cerebellum (grey with folia and white cores), fourth ventricle, brainstem, and CSF around the brainstem.</summary>
    private double PosteriorFossa(Vector3d p, double h)
    {
        var axisY = 0.1 * _b.Y;
        var stem = EllipseDistance(p.X, p.Y - axisY, 13, 11);
        var folia = Math.Clamp(1 - Math.Abs(Math.Sin(p.Z * 1.25 + 0.3 * p.Y)) / 0.18, 0, 1) * 0.5;
        var tissue = SoftShapes.Lerp(_spec.GreyHu - 1, _spec.CsfHu, folia);
        for (var side = -1; side <= 1; side += 2)
        {
            var core = SoftShapes.EllipsoidDistance(p - new Vector3d(side * 0.3 * _b.X, 0.55 * _b.Y, _petrousZ - 12), new Vector3d(14, 12, 10));
            tissue = SoftShapes.Lerp(tissue, _spec.WhiteHu + 1, SoftShapes.Fraction(core, 2 * h));
        }
        var aroundStem = SoftShapes.Fraction(stem - 5, h) * (1 - SoftShapes.Fraction(p.Y - (axisY + 11), h));
        tissue = SoftShapes.Lerp(tissue, _spec.CsfHu, aroundStem);
        var fourth = SoftShapes.EllipsoidDistance(p - new Vector3d(0, 0.3 * _b.Y, _petrousZ - 6), new Vector3d(5, 5, 7));
        tissue = SoftShapes.Lerp(tissue, _spec.CsfHu, SoftShapes.Fraction(fourth, h));
        return SoftShapes.Lerp(tissue, _spec.WhiteHu + 2, SoftShapes.Fraction(stem, h));
    }

    /// <summary>The falx in the interhemispheric fissure above its free edge, with CSF on either side.</summary>
    private double Midline(Vector3d p, double tissue, double tentorium, bool infratentorial, double h)
    {
        if (infratentorial || Math.Abs(p.X) > 3 + h)
            return tissue;
        var edge = 0.3 * _b.Z - 0.5 * _b.Z * Math.Max(0, p.Y / _b.Y) * Math.Max(0, p.Y / _b.Y);
        var above = SoftShapes.Fraction(edge - p.Z, 2 * h);
        tissue = SoftShapes.Lerp(tissue, _spec.CsfHu, above * SoftShapes.Fraction(Math.Abs(p.X) - 2.2, h));
        return SoftShapes.Lerp(tissue, _anatomy.DuraHu, above * SoftShapes.Fraction(Math.Abs(p.X) - 0.7, h));
    }

    /// <summary>Superior sagittal sinus along the midline under the vault; transverse sinuses along the occipital bone at the tentorium.</summary>
    private double VenousSinuses(Vector3d p, double tissue, double cavityDistance, double tentorium, double h)
    {
        var depth = -cavityDistance;
        if (depth > 8)
            return tissue;
        var sagittal = Math.Max(Math.Abs(p.X) - 4 * (1 - depth / 7.5), -p.Z);
        var transverse = Math.Max(Math.Abs(p.Z - (_petrousZ + 7)) - 3.5 * (1 - depth / 6.5), 0.55 * _b.Y - p.Y);
        return SoftShapes.Lerp(tissue, _anatomy.VenousSinusHu, SoftShapes.Fraction(Math.Min(sagittal, transverse), h));
    }

    /// <summary>Calcified pineal gland, choroid plexus in both atria, a falx plaque, basal ganglia.</summary>
    private double Calcifications(Vector3d p, double tissue, double h)
    {
        var a = _anatomy;
        if (a.PinealRadiusMm > 0)
            tissue = SoftShapes.Lerp(tissue, a.PinealHu, SoftShapes.Fraction((p - new Vector3d(0, 0.2 * _b.Y, 0.02 * _b.Z)).Length - a.PinealRadiusMm, h));
        for (var side = -1; side <= 1; side += 2)
        {
            if (a.ChoroidRadiusMm > 0)
                tissue = SoftShapes.Lerp(tissue, a.ChoroidHu, SoftShapes.Fraction((p - new Vector3d(side * 0.14 * _b.X, 0.2 * _b.Y, 0.1 * _b.Z)).Length - a.ChoroidRadiusMm, h));
            if (a.BasalGangliaRadiusMm > 0)
                tissue = SoftShapes.Lerp(tissue, a.BasalGangliaHu, SoftShapes.Fraction((p - new Vector3d(side * 0.22 * _b.X, -0.08 * _b.Y, 0)).Length - a.BasalGangliaRadiusMm, h));
        }
        if (a.FalxPlaqueLengthMm > 0)
        {
            var y = SoftShapes.Lerp(-0.6 * _b.Y, 0.5 * _b.Y, a.FalxPlaqueHeightFraction);
            var z = 0.3 * _b.Z + 0.35 * (0.9 * _b.Z - 0.3 * _b.Z);
            var plaque = SoftShapes.EllipsoidDistance(p - new Vector3d(0, y, z), new Vector3d(1.2, a.FalxPlaqueLengthMm, 0.5 * a.FalxPlaqueLengthMm));
            tissue = SoftShapes.Lerp(tissue, a.FalxPlaqueHu, SoftShapes.Fraction(plaque, h));
        }
        return tissue;
    }

    private double LesionFraction(LesionSpec lesion, Vector3d p, double sulcus, double h) =>
        lesion is { Kind: LesionKind.Subarachnoid, Cisternal: true }
            ? Cisterns(p, h) * SoftShapes.Fraction((p - new Vector3d(0, 0.05 * _b.Y, _petrousZ + 13)).Length - lesion.RadiiMm.X, h)
            : LesionShapes.Fraction(lesion, p, _b, sulcus, h);
}
