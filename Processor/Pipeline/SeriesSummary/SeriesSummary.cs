namespace HeadCt.Processor.Pipeline.SeriesSummary;

/// <summary>
/// One series of a study as the pipeline saw it, and whether it is the one analysed (<see cref="SkipReason"/> says
/// why not otherwise). Rows and Columns are null when the instances differ in size.
/// </summary>
public sealed record SeriesSummary(
    string SeriesInstanceUid,
    string? Modality,
    string? SeriesDescription,
    int InstanceCount,
    int? Rows,
    int? Columns,
    string? TransferSyntaxUid,
    bool Analysed,
    string? SkipReason);
