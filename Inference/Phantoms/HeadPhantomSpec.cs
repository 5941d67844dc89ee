using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// One synthetic head and its scan, all sizes in mm and relative to the head centre (patient LPS axes, axial slices).
/// <see cref="Random(int, LesionKind?, bool?)"/> draws a head for tests and demos on a small fixed grid;
/// <see cref="RandomScan(int, LesionKind?, bool?)"/> draws the same head with a scanner's matrix (256–512), slice
/// thickness (0.6–5 mm), coverage and noise, as the training set uses. A seed gives one reproducible study.
/// </summary>
public sealed record HeadPhantomSpec
{
    public int SizeX { get; init; } = 76;
    public int SizeY { get; init; } = 76;
    public int SizeZ { get; init; } = 34;
    public double PixelSpacingMm { get; init; } = 2.7;
    public double SliceSpacingMm { get; init; } = 4.8;

    /// <summary>Where the head centre lies in the patient (the volume is centred on the patient origin).</summary>
    public Vector3d HeadCentre { get; init; }

    /// <summary>Head rotation in degrees about the left–right (chin down +), anterior–posterior and superior–inferior axes.</summary>
    public Vector3d PoseDegrees { get; init; }

    /// <summary>Semi-axes of the skull's outer surface (L, P, S).</summary>
    public Vector3d SkullSemiAxes { get; init; } = new(70, 90, 66);
    public double SkullThicknessMm { get; init; } = 6;
    public double ScalpThicknessMm { get; init; } = 5;
    public double BoneHu { get; init; } = 1200;
    public double GreyHu { get; init; } = 38;
    public double WhiteHu { get; init; } = 28;
    public double CsfHu { get; init; } = 6;

    /// <summary>Phase of the sulcal pattern, so heads differ in their folds.</summary>
    public double SulcalPhase { get; init; }

    public HeadAnatomy Anatomy { get; init; } = HeadAnatomy.Typical;

    public ScanArtefacts Artefacts { get; init; } = ScanArtefacts.Mild;

    public LesionSpec? Lesion { get; init; }

    /// <summary>Seed of the noise field.</summary>
    public int NoiseSeed { get; init; }

    public Vector3d BrainSemiAxes => new(SkullSemiAxes.X - SkullThicknessMm, SkullSemiAxes.Y - SkullThicknessMm, SkullSemiAxes.Z - SkullThicknessMm);

    /// <summary>Noise standard deviation in brain for this scan: the artefacts' reference (0.5 mm pixels, 5 mm slices) scaled as 1/√(pixel area × thickness).</summary>
    public double NoiseSdHu => Artefacts.NoiseSdHu * Math.Sqrt(5 / SliceSpacingMm) * (0.5 / Math.Max(PixelSpacingMm, 0.5));

    /// <param name="subtle">For a lesion: force the subtle (true) or conspicuous (false) class; null draws it (30 % subtle).</param>
    public static HeadPhantomSpec Random(int seed, LesionKind? lesion, bool? subtle = null)
    {
        var rng = new Random(seed);
        var skull = new Vector3d(Between(rng, 66, 76), Between(rng, 84, 98), Between(rng, 62, 72));
        var spec = new HeadPhantomSpec
        {
            HeadCentre = new Vector3d(Between(rng, -8, 8), Between(rng, -8, 8), Between(rng, -2, 6)),
            SkullSemiAxes = skull,
            SkullThicknessMm = Between(rng, 5, 8),
            ScalpThicknessMm = Between(rng, 3, 7),
            BoneHu = Between(rng, 900, 1600),
            GreyHu = Between(rng, 35, 42),
            WhiteHu = Between(rng, 24, 31),
            CsfHu = Between(rng, 2, 10),
            SulcalPhase = Between(rng, 0, 2 * Math.PI),
            NoiseSeed = rng.Next(),
            PoseDegrees = new Vector3d(Between(rng, -12, 12), Between(rng, -4, 4), Between(rng, -6, 6)),
            Anatomy = HeadAnatomy.Random(rng),
        };
        spec = spec with { Artefacts = ScanArtefacts.Random(rng, Between(rng, 2.5, 6)) };
        return lesion is { } kind ? spec with { Lesion = LesionSpec.Random(rng, kind, spec.BrainSemiAxes, subtle) } : spec;
    }

    /// <summary>
    /// The head of <see cref="Random(int, LesionKind?, bool?)"/> scanned as a scanner would: matrix 256–512 (one in five
    /// 64–128, like a downsampled study), field of view 180–250 mm with the head off centre by up to 15 mm (so it may
    /// cut the face or the scalp), slices 0.6–5 mm (log-uniform), from below the foramen magnum or from the skull base
    /// up to the vertex or a little short of it.
    /// </summary>
    public static HeadPhantomSpec RandomScan(int seed, LesionKind? lesion, bool? subtle = null)
    {
        var spec = Random(seed, lesion, subtle);
        var rng = new Random(unchecked(seed * 31 + 17));
        var matrix = rng.NextDouble() < 0.2 ? rng.Next(64, 129) : 256 + 64 * rng.Next(0, 5);
        var fov = Between(rng, 180, 250);
        var slice = Math.Exp(Between(rng, Math.Log(0.6), Math.Log(5)));
        var top = spec.SkullSemiAxes.Z + spec.ScalpThicknessMm + Between(rng, -14, 12);
        var bottom = rng.NextDouble() < 0.15 ? -Between(rng, 0.45, 0.75) * spec.SkullSemiAxes.Z : -spec.SkullSemiAxes.Z - Between(rng, 5, 45);
        var slices = Math.Max(8, (int)Math.Round((top - bottom) / slice) + 1);
        return spec with
        {
            SizeX = matrix,
            SizeY = matrix,
            PixelSpacingMm = fov / matrix,
            SizeZ = slices,
            SliceSpacingMm = slice,
            HeadCentre = new Vector3d(Between(rng, -15, 15), Between(rng, -15, 15), -(top + bottom) / 2),
        };
    }

    internal static double Between(Random rng, double low, double high) => low + rng.NextDouble() * (high - low);
}
