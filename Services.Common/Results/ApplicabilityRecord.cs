namespace HeadCt.Services.Common.Results;

/// <summary>
/// Whether the model applies to the study, with every check made: <c>name</c> (<c>modality</c>, <c>head</c>,
/// <c>sliceThickness</c>, <c>contrast</c>, <c>age</c>, <c>outOfDistribution</c>), <c>passed</c>, what was found
/// (<c>value</c>), what the model's manifest expects, and the <c>reason</c> in words when it failed or could not be
/// made. <see cref="Summary"/> joins the reasons of the failed checks.
/// </summary>
public sealed record ApplicabilityRecord(bool Applicable, string Model, string? Summary, IReadOnlyList<ApplicabilityCheckRecord> Checks);

public sealed record ApplicabilityCheckRecord(string Name, bool Passed, string? Value, string Expected, string? Reason);
