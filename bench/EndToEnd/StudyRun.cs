namespace HeadCt.EndToEnd;

/// <summary>One study's way through the app: what the client saw and what the processor recorded per stage.</summary>
public sealed record StudyRun(
    string Study,
    int Slices,
    double UploadMs,
    double UploadToCompletedMs,
    double QueueWaitMs,
    double ProcessingMs,
    IReadOnlyDictionary<string, double> StageMs)
{
    /// <summary>
    /// Processing time not inside a named stage: mostly writing the result document and the cache. Inference with
    /// its attention runs beside render, so only the longer of the two branches counts.
    /// </summary>
    public double StoreResultMs =>
        ProcessingMs - Stage("download") - Stage("parse") - Stage("volume") - Math.Max(Stage("inference") + Stage("attention"), Stage("render"));

    private double Stage(string name) => StageMs.GetValueOrDefault(name);
}
