using HeadCt.Imaging.Volume;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// Everything the result objects of one study are made from. <see cref="Volume"/> and <see cref="Attention"/> are null
/// for a study that was not evaluated (not applicable or failed): it gets the SR only, saying why.
/// </summary>
public sealed record ResultObjectRequest(
    string StudyId,
    SourceStudy Source,
    ModelIdentity Model,
    StudyFinding Finding,
    DateTimeOffset ContentTime)
{
    /// <summary>The analysed HU volume (drawn in the key images; its grid is the segmentation's).</summary>
    public CtVolume? Volume { get; init; }

    /// <summary>The model's attention on the volume's grid, already kept inside the intracranial cavity.</summary>
    public CtVolume? Attention { get; init; }

    /// <summary>The strongest attention, in LPS mm of the source frame of reference.</summary>
    public double[]? PeakPatientMm { get; init; }

    /// <summary>Viewer axial slice indices where attention is strongest, strongest first.</summary>
    public IReadOnlyList<int> KeySlices { get; init; } = [];

    public bool Evaluated => Finding.Probability is not null;
}

/// <summary>Which model spoke: TID 4019 Algorithm Identification and the key images' legend.</summary>
public sealed record ModelIdentity(string Name, string Version, string Sha256, string IntendedUse, IReadOnlyList<string> Parameters)
{
    /// <summary>The model's intended use declares it a demonstrator: every object says "not for diagnosis".</summary>
    public bool IsDemonstrator => IntendedUse.Contains("demonstrat", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The finding: probability and decision against the model's threshold, or, when the study was not evaluated, why
/// (<see cref="NotEvaluatedReason"/>: the failed applicability checks or the failure).
/// </summary>
public sealed record StudyFinding(double? Probability, double DecisionThreshold, bool? Positive, string? NotEvaluatedReason);
