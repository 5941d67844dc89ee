namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Artefacts of the acquisition rather than the patient: beam hardening between the petrous bones (a dark band, the
/// "Hounsfield bar", and bright streaks running from them across the posterior fossa) and the slight brightening of
/// brain next to the skull (cupping correction), both classic mimics of blood; and the noise, correlated between
/// neighbouring pixels as filtered back-projection makes it.
/// </summary>
public sealed record ScanArtefacts
{
    public static ScanArtefacts Mild { get; } = new();

    /// <summary>HU added along the band joining the petrous apices (negative: darker).</summary>
    public double HounsfieldBarHu { get; init; } = -12;

    /// <summary>Peak HU of each bright streak.</summary>
    public double StreakHu { get; init; } = 20;

    /// <summary>Directions of the bright streaks in the axial plane (radians), one streak each.</summary>
    public IReadOnlyList<double> StreakAngles { get; init; } = [0.6, 2.5];

    /// <summary>HU added to brain next to the inner table, fading over about 4 mm.</summary>
    public double RimBrighteningHu { get; init; } = 3;

    /// <summary>Standard deviation of the noise in brain at 0.5 mm pixels and 5 mm slices, HU (<see cref="HeadPhantomSpec.NoiseSdHu"/> scales it to the scan).</summary>
    public double NoiseSdHu { get; init; } = 5;

    public static ScanArtefacts Random(Random rng, double noiseSdHu)
    {
        var streaks = new double[rng.Next(1, 5)];
        for (var i = 0; i < streaks.Length; i++)
            streaks[i] = rng.NextDouble() * Math.PI;
        return new ScanArtefacts
        {
            HounsfieldBarHu = HeadPhantomSpec.Between(rng, -35, -5),
            StreakHu = HeadPhantomSpec.Between(rng, 10, 55),
            StreakAngles = streaks,
            RimBrighteningHu = HeadPhantomSpec.Between(rng, 0, 8),
            NoiseSdHu = noiseSdHu,
        };
    }
}
