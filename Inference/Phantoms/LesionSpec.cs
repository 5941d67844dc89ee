using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Where and how big a lesion is. <see cref="Direction"/> points from the head centre towards the lesion; for
/// extra-axial kinds the lesion sits on the inner skull surface along it.
/// </summary>
public sealed record LesionSpec(
    LesionKind Kind,
    double Hu,
    Vector3d Direction,
    double Depth,
    Vector3d RadiiMm,
    double ThicknessMm,
    double AngularExtentDegrees)
{
    /// <summary>Drawn from the subtle class: 50–62 HU and 0.6 × the size (about 30 % of random lesions).</summary>
    public bool Subtle { get; init; }

    /// <summary>For subarachnoid blood: in the basal cisterns around the midbrain instead of the convexity sulci.</summary>
    public bool Cisternal { get; init; }

    /// <param name="subtle">Forces the subtle or the conspicuous class; the draw is still made, so the rest of the stream is unchanged.</param>
    public static LesionSpec Random(Random rng, LesionKind kind, Vector3d brain, bool? subtle = null)
    {
        var drawnSubtle = rng.NextDouble() < 0.3;
        var isSubtle = subtle ?? drawnSubtle;
        var cisternal = kind == LesionKind.Subarachnoid && rng.NextDouble() < 0.4;
        var lesion = Draw(rng, kind, brain, isSubtle) with { Subtle = isSubtle, Cisternal = cisternal };
        return cisternal ? lesion with { RadiiMm = new Vector3d(HeadPhantomSpec.Between(rng, 10, 22) * (isSubtle ? 0.7 : 1), 0, 0) } : lesion;
    }

    private static LesionSpec Draw(Random rng, LesionKind kind, Vector3d brain, bool subtle)
    {
        var hu = subtle ? HeadPhantomSpec.Between(rng, 50, 62) : HeadPhantomSpec.Between(rng, 58, 90);
        // Above the skull base: the direction's superior component is kept from going far down.
        var direction = new Vector3d(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, HeadPhantomSpec.Between(rng, -0.35, 0.75)).Normalized();
        var size = subtle ? 0.6 : 1.0;
        return kind switch
        {
            LesionKind.Intraparenchymal => new LesionSpec(kind, hu, direction, HeadPhantomSpec.Between(rng, 0.15, 0.6),
                new Vector3d(HeadPhantomSpec.Between(rng, 5, 14) * size, HeadPhantomSpec.Between(rng, 5, 14) * size, HeadPhantomSpec.Between(rng, 5, 12) * size), 0, 0),
            LesionKind.Subdural => new LesionSpec(kind, hu, direction, 1, default,
                HeadPhantomSpec.Between(rng, 4, 10) * size, HeadPhantomSpec.Between(rng, 25, 50) * (subtle ? 0.8 : 1)),
            LesionKind.Epidural => new LesionSpec(kind, hu, direction, 1,
                new Vector3d(HeadPhantomSpec.Between(rng, 14, 24) * size, 0, 0), HeadPhantomSpec.Between(rng, 6, 14) * size, 0),
            _ => new LesionSpec(kind, hu, direction, 0.88, new Vector3d(HeadPhantomSpec.Between(rng, 18, 32) * size, 0, 0), 0, 0),
        };
    }
}
