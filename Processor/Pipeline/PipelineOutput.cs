using HeadCt.Services.Common.Results;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Renderings;

namespace HeadCt.Processor.Pipeline;

/// <summary>What the stages produced for a study: the records merged into its result document, and its view.</summary>
public sealed record PipelineOutput(
    IReadOnlyList<SeriesSummary.SeriesSummary> Series,
    ImagingRecord? Imaging,
    PredictionRecord? Prediction = null,
    IReadOnlyDictionary<string, double>? Timings = null)
{
    /// <summary>Whether the model applies to the study, with every check; null when no volume was built.</summary>
    public ApplicabilityRecord? Applicability { get; init; }

    /// <summary>The volume and attention the study's images are drawn from; not part of the document.</summary>
    public StudyView? View { get; init; }

    /// <summary>The analysed series as the DICOM result objects reference it; null when no series was chosen.</summary>
    public DicomResults.SourceStudy? Source { get; init; }

    /// <summary>What the shadow models said (stored for comparison; never shown, never routed).</summary>
    public IReadOnlyList<Shadow.ShadowRecord> Shadows { get; init; } = [];
}
