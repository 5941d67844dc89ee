namespace HeadCt.Inference.Applicability;

/// <summary>
/// One check of whether a model applies to a study: what was found (<see cref="Value"/>), what the model's manifest
/// expects, and in words why it failed, or why it could not be made (then it passes: nothing speaks against the study).
/// </summary>
public sealed record ApplicabilityCheck(string Name, bool Passed, string? Value, string Expected, string? Reason)
{
    public const string Modality = "modality";
    public const string Head = "head";
    public const string SliceThickness = "sliceThickness";
    public const string Contrast = "contrast";
    public const string Age = "age";
    public const string OutOfDistribution = "outOfDistribution";
}

/// <summary>All checks of one study against one model; it applies when every check passed.</summary>
public sealed record ApplicabilityReport(IReadOnlyList<ApplicabilityCheck> Checks)
{
    public bool Applicable => Checks.All(check => check.Passed);

    /// <summary>The reasons of the failed checks, in one sentence each; null when the model applies.</summary>
    public string? Summary => Applicable ? null : string.Join(" ", Checks.Where(check => !check.Passed).Select(check => check.Reason));
}
