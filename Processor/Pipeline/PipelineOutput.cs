using HeadCt.Processor.Inference;
using HeadCt.Processor.Pipeline.Volumes;

namespace HeadCt.Processor.Pipeline;

/// <summary>What the stages produced for a study; merged into its result document.</summary>
public sealed record PipelineOutput(
    IReadOnlyList<SeriesSummary.SeriesSummary> Series,
    ImagingRecord? Imaging,
    PredictionRecord? Prediction = null,
    IReadOnlyDictionary<string, double>? Timings = null);
