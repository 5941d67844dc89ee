namespace HeadCt.EndToEnd;

/// <summary>One study's way through the app: what the client saw and what the processor recorded per stage.</summary>
public sealed record StudyRun(
    string Study,
    int Slices,
    double UploadMs,
    double UploadToCompletedMs,
    double QueueWaitMs,
    double ProcessingMs,
    IReadOnlyDictionary<string, double> StageMs,
    double FirstViewMs,
    double AllImagesMs,
    int ImageCount)
{
    /// <summary>Processing time not inside a named stage: mostly writing the result document and the cache.</summary>
    public double StoreResultMs => ProcessingMs - StageMs.Values.Sum();
}
