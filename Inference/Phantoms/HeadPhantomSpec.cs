using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// One synthetic head, all sizes in mm and relative to the head centre (patient LPS axes, axial slices). Drawn at
/// random by <see cref="Random(int, LesionKind?, bool?)"/> so that a seed gives one reproducible study.
/// </summary>
public sealed record HeadPhantomSpec
{
    public int SizeX { get; init; } = 72;
    public int SizeY { get; init; } = 72;
    public int SizeZ { get; init; } = 34;
    public double PixelSpacingMm { get; init; } = 2.7;
    public double SliceSpacingMm { get; init; } = 4.8;

    public Vector3d HeadCentre { get; init; }

    /// <summary>Semi-axes of the skull's outer surface (L, P, S).</summary>
    public Vector3d SkullSemiAxes { get; init; } = new(68, 82, 64);
    public double SkullThicknessMm { get; init; } = 6;
    public double ScalpThicknessMm { get; init; } = 4;
    public double BoneHu { get; init; } = 1200;
    public double GreyHu { get; init; } = 38;
    public double WhiteHu { get; init; } = 28;
    public double CsfHu { get; init; } = 6;
    public double NoiseSdHu { get; init; } = 5;

    /// <summary>Phase of the sulcal pattern, so heads differ in their folds.</summary>
    public double SulcalPhase { get; init; }

    public LesionSpec? Lesion { get; init; }

    /// <summary>Seed of the noise field.</summary>
    public int NoiseSeed { get; init; }

    public Vector3d BrainSemiAxes => new(SkullSemiAxes.X - SkullThicknessMm, SkullSemiAxes.Y - SkullThicknessMm, SkullSemiAxes.Z - SkullThicknessMm);

    /// <param name="subtle">For a lesion: force the subtle (true) or conspicuous (false) class; null draws it (30 % subtle).</param>
    public static HeadPhantomSpec Random(int seed, LesionKind? lesion, bool? subtle = null)
    {
        var rng = new Random(seed);
        var skull = new Vector3d(Between(rng, 60, 72), Between(rng, 74, 88), Between(rng, 58, 70));
        var spec = new HeadPhantomSpec
        {
            HeadCentre = new Vector3d(Between(rng, -10, 10), Between(rng, -10, 10), Between(rng, -8, 8)),
            SkullSemiAxes = skull,
            SkullThicknessMm = Between(rng, 5, 8),
            ScalpThicknessMm = Between(rng, 3, 6),
            BoneHu = Between(rng, 900, 1600),
            GreyHu = Between(rng, 35, 42),
            WhiteHu = Between(rng, 24, 31),
            CsfHu = Between(rng, 2, 10),
            NoiseSdHu = Between(rng, 2.5, 7),
            SulcalPhase = Between(rng, 0, 2 * Math.PI),
            NoiseSeed = rng.Next(),
        };
        return lesion is { } kind ? spec with { Lesion = LesionSpec.Random(rng, kind, spec.BrainSemiAxes, subtle) } : spec;
    }

    internal static double Between(Random rng, double low, double high) => low + rng.NextDouble() * (high - low);
}
