namespace HeadCt.Imaging.Selection;

/// <summary>A series that was not chosen and why.</summary>
public sealed record SkippedSeries(string SeriesInstanceUid, string? SeriesDescription, int InstanceCount, string Reason);

/// <summary>The series chosen for analysis, the reason it won, and why every other series was skipped.</summary>
public sealed record SeriesDecision(
    string? SeriesInstanceUid,
    string? SeriesDescription,
    IReadOnlyList<InstanceFile> Instances,
    string Reason,
    IReadOnlyList<SkippedSeries> Skipped)
{
    public bool HasSeries => Instances.Count > 0;
}
