using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Renders a <see cref="HeadPhantomSpec"/>: scalp, skull, grey matter over a white-matter core, lateral ventricles,
/// sulci and a CSF rim, an optional hyperdense lesion, partial volume at every edge and Gaussian noise.
/// </summary>
public static class HeadPhantomGenerator
{
    private const double ScalpHu = 40;

    public static HeadPhantom Generate(HeadPhantomSpec spec)
    {
        var geometry = Geometry(spec);
        var voxels = new float[geometry.VoxelCount];
        var mask = new byte[geometry.VoxelCount];
        var sliceLength = spec.SizeX * spec.SizeY;
        Parallel.For(0, spec.SizeZ, z =>
        {
            var noise = new GaussianNoise(unchecked(spec.NoiseSeed * 7919 + z));
            for (var y = 0; y < spec.SizeY; y++)
            {
                for (var x = 0; x < spec.SizeX; x++)
                {
                    var p = geometry.PatientPosition(x, y, z) - spec.HeadCentre;
                    var (hu, lesion) = Sample(spec, p);
                    var index = z * sliceLength + y * spec.SizeX + x;
                    voxels[index] = (float)(hu + noise.Next() * spec.NoiseSdHu);
                    mask[index] = lesion >= 0.5 ? (byte)1 : (byte)0;
                }
            }
        });
        return new HeadPhantom(new CtVolume(voxels, geometry), mask, spec);
    }

    public static VolumeGeometry Geometry(HeadPhantomSpec spec)
    {
        var origin = new Vector3d(-(spec.SizeX - 1) / 2.0 * spec.PixelSpacingMm, -(spec.SizeY - 1) / 2.0 * spec.PixelSpacingMm,
            -(spec.SizeZ - 1) / 2.0 * spec.SliceSpacingMm);
        return new VolumeGeometry(spec.SizeX, spec.SizeY, spec.SizeZ, spec.PixelSpacingMm, spec.PixelSpacingMm, spec.SliceSpacingMm,
            origin, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1));
    }

    /// <summary>HU at <paramref name="p"/> (relative to the head centre) and the lesion's partial-volume fraction there.</summary>
    private static (double Hu, double Lesion) Sample(HeadPhantomSpec spec, Vector3d p)
    {
        var h = spec.PixelSpacingMm;
        var skull = spec.SkullSemiAxes;
        var scalpAxes = new Vector3d(skull.X + spec.ScalpThicknessMm, skull.Y + spec.ScalpThicknessMm, skull.Z + spec.ScalpThicknessMm);
        var head = SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p, scalpAxes), h);
        if (head <= 0)
            return (PhantomHu.Air, 0);
        var bone = SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p, skull), h);
        var brainAxes = spec.BrainSemiAxes;
        var brain = SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p, brainAxes), h);
        var hu = SoftShapes.Lerp(PhantomHu.Air, ScalpHu, head);
        hu = SoftShapes.Lerp(hu, spec.BoneHu, bone);
        if (brain <= 0)
            return (hu, 0);
        var (tissue, sulcus) = BrainTissue(spec, p, brainAxes, h);
        var lesion = spec.Lesion is { } l ? LesionShapes.Fraction(l, p, brainAxes, sulcus, h) * brain : 0;
        tissue = SoftShapes.Lerp(tissue, spec.Lesion?.Hu ?? 0, lesion);
        return (SoftShapes.Lerp(hu, tissue, brain), lesion);
    }

    private static (double Hu, double Sulcus) BrainTissue(HeadPhantomSpec spec, Vector3d p, Vector3d brain, double h)
    {
        var r = SoftShapes.NormalisedRadius(p, brain);
        var azimuth = Math.Atan2(p.Y / brain.Y, p.X / brain.X);
        var elevation = Math.Asin(Math.Clamp(p.Z / brain.Z / Math.Max(r, 1e-9), -1, 1));
        var wobble = 3 * Math.Sin(azimuth * 7 + spec.SulcalPhase) * Math.Cos(elevation * 5);
        var whiteCore = new Vector3d(brain.X * 0.68, brain.Y * 0.7, brain.Z * 0.66);
        var white = SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p, whiteCore) + wobble, 2 * h);
        var tissue = SoftShapes.Lerp(spec.GreyHu, spec.WhiteHu, white);

        var sulcalBand = 0.0;
        if (r > 0.8)
        {
            var fold = Math.Sin(azimuth * 13 + spec.SulcalPhase) * Math.Sin(elevation * 9 + 1.3 * spec.SulcalPhase);
            sulcalBand = Math.Clamp(1 - Math.Abs(fold) / 0.16, 0, 1) * Math.Clamp((r - 0.8) / 0.08, 0, 1);
        }
        var rim = Math.Clamp((r - 0.965) / 0.02, 0, 1);
        var sulcus = Math.Max(sulcalBand, rim);
        var ventricles = Math.Max(
            SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p - new Vector3d(0.13 * brain.X, -0.05 * brain.Y, 0.12 * brain.Z), Ventricle(brain)), h),
            SoftShapes.Fraction(SoftShapes.EllipsoidDistance(p - new Vector3d(-0.13 * brain.X, -0.05 * brain.Y, 0.12 * brain.Z), Ventricle(brain)), h));
        return (SoftShapes.Lerp(tissue, spec.CsfHu, Math.Max(sulcus, ventricles)), sulcus);
    }

    private static Vector3d Ventricle(Vector3d brain) => new(0.08 * brain.X, 0.3 * brain.Y, 0.15 * brain.Z);
}
