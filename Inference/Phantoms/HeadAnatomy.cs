namespace HeadCt.Inference.Phantoms;

/// <summary>
/// How one synthetic head differs from another beyond its size: the skull base and its air spaces, and the normal
/// hyperdense structures that mimic blood (calcified pineal gland, choroid plexus, falx; dense dural venous sinuses),
/// drawn per seed so that a model has to learn them as normal. HU and sizes follow typical adult head CT.
/// </summary>
public sealed record HeadAnatomy
{
    public static HeadAnatomy Typical { get; } = new();

    /// <summary>Frontal sinus semi-axes (L, P, S) in mm; zero when the sinus is absent (about 10 % of adults).</summary>
    public double FrontalSinusWidthMm { get; init; } = 16;
    public double FrontalSinusHeightMm { get; init; } = 12;

    /// <summary>Scales the maxillary, sphenoid and ethmoid air spaces.</summary>
    public double SinusScale { get; init; } = 1;

    /// <summary>Fraction of the mastoid process that is air cells (0 sclerotic … 1 fully pneumatised).</summary>
    public double MastoidAir { get; init; } = 0.6;

    public double PetrousHu { get; init; } = 1800;
    public double PetrousRadiusMm { get; init; } = 8;

    /// <summary>Temporalis muscle thickness over the temporal bone, mm.</summary>
    public double TemporalisMm { get; init; } = 8;

    public double MuscleHu { get; init; } = 52;

    /// <summary>Unenhanced venous blood in the superior sagittal and transverse sinuses (40–60 HU; high with a high haematocrit).</summary>
    public double VenousSinusHu { get; init; } = 50;

    /// <summary>Falx and tentorium (dura), slightly denser than brain.</summary>
    public double DuraHu { get; init; } = 50;

    /// <summary>Calcified pineal gland: HU and radius (mm); radius 0 when not calcified.</summary>
    public double PinealHu { get; init; } = 160;
    public double PinealRadiusMm { get; init; }

    /// <summary>Calcified choroid plexus in both atria: HU and radius (mm); 0 when absent.</summary>
    public double ChoroidHu { get; init; } = 120;
    public double ChoroidRadiusMm { get; init; }

    /// <summary>A calcified plaque of the falx: HU and half-length along it (mm); 0 when absent.</summary>
    public double FalxPlaqueHu { get; init; } = 300;
    public double FalxPlaqueLengthMm { get; init; }
    public double FalxPlaqueHeightFraction { get; init; } = 0.5;

    /// <summary>Calcified basal ganglia (both sides): HU and radius (mm); 0 when absent.</summary>
    public double BasalGangliaHu { get; init; } = 110;
    public double BasalGangliaRadiusMm { get; init; }

    public static HeadAnatomy Random(Random rng)
    {
        double Between(double low, double high) => HeadPhantomSpec.Between(rng, low, high);
        bool Chance(double p) => rng.NextDouble() < p;
        var frontal = Chance(0.9);
        return new HeadAnatomy
        {
            FrontalSinusWidthMm = frontal ? Between(8, 22) : 0,
            FrontalSinusHeightMm = frontal ? Between(7, 16) : 0,
            SinusScale = Between(0.75, 1.15),
            MastoidAir = Between(0.15, 0.9),
            PetrousHu = Between(1300, 2200),
            PetrousRadiusMm = Between(6.5, 9.5),
            TemporalisMm = Between(4, 12),
            MuscleHu = Between(45, 62),
            VenousSinusHu = Between(40, 62),
            DuraHu = Between(42, 58),
            PinealHu = Between(70, 350),
            PinealRadiusMm = Chance(0.6) ? Between(1.5, 4) : 0,
            ChoroidHu = Between(60, 260),
            ChoroidRadiusMm = Chance(0.5) ? Between(2, 5) : 0,
            FalxPlaqueHu = Between(90, 600),
            FalxPlaqueLengthMm = Chance(0.35) ? Between(5, 16) : 0,
            FalxPlaqueHeightFraction = Between(0.25, 0.8),
            BasalGangliaHu = Between(70, 200),
            BasalGangliaRadiusMm = Chance(0.12) ? Between(1.5, 4) : 0,
        };
    }
}
