using HeadCt.Services.Common.Results;
using HeadCt.Processor.Pipeline.SeriesSummary;
using HeadCt.Processor.Pipeline.Volumes;

namespace HeadCt.Processor.Results;

/// <summary>Everything known about one study's processing; stored as <c>results/{id}/result.json</c>.</summary>
public sealed record ResultDocument
{
    public required string Id { get; init; }
    public ResultStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<SeriesSummary> Series { get; init; } = [];

    /// <summary>The series decision, volume report, geometry and image links; null until the imaging stage ran.</summary>
    public ImagingRecord? Imaging { get; init; }

    /// <summary>Whether the model applies to this study, with every check and its reason; null until the checks ran.</summary>
    public ApplicabilityRecord? Applicability { get; init; }

    /// <summary>The model's identity and output: the finding when it applies, else the output withheld; null until inference ran.</summary>
    public PredictionRecord? Prediction { get; init; }

    /// <summary>Milliseconds per pipeline stage (download, parse, volume, inference, attention, render) of the run that completed.</summary>
    public IReadOnlyDictionary<string, double>? Timings { get; init; }

    /// <summary>The DICOM objects written for the result (SR; key images and SEG when evaluated), new series of the source study.</summary>
    public IReadOnlyList<DicomResults.DicomObjectRecord> DicomObjects { get; init; } = [];

    /// <summary>Per configured destination: the objects it takes and whether they were sent (pending, sent, failed, dead-letter).</summary>
    public IReadOnlyList<Routing.RoutingRecord> Routing { get; init; } = [];

    /// <summary>The shadow models' outputs, for <c>GET /models/{name}/shadow-report</c> only: not a finding, not routed.</summary>
    public IReadOnlyList<Shadow.ShadowRecord> Shadow { get; init; } = [];

    public ResultMetadata Metadata { get; init; } = new(null, null, new Dictionary<string, string>());

    /// <summary>Every saved change of the comment or the review decision, oldest first (who, when, what).</summary>
    public IReadOnlyList<ReviewHistoryEntry> ReviewHistory { get; init; } = [];

    /// <summary>Why the last attempt failed (kept while retrying), or why the job ended failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>How many times a worker took the job (the queue message's dequeue count).</summary>
    public long Attempts { get; init; }

    /// <summary>Where the study came from when not uploaded (DIMSE: calling AEs, associations, instances).</summary>
    public StudySource? Source { get; init; }

    public static ResultDocument Queued(string id, DateTimeOffset now) => new() { Id = id, Status = ResultStatus.Queued, CreatedAt = now };
}
