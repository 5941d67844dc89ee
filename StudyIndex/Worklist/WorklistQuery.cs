namespace HeadCt.StudyIndex.Worklist;

/// <summary>How the worklist is sorted.</summary>
public enum WorklistSort
{
    /// <summary>Applicable positive findings first, most probable first, then everything else; arrival order within each.</summary>
    Priority,

    /// <summary>Newest arrival first.</summary>
    Time,
}

/// <summary>A worklist request: filters (all optional, combined with AND), order and page.</summary>
public sealed record WorklistQuery
{
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public DateTimeOffset? ReceivedFrom { get; init; }
    public DateTimeOffset? ReceivedTo { get; init; }
    public string? Modality { get; init; }

    /// <summary>applicable, not-applicable or unknown (no applicability recorded).</summary>
    public string? Applicability { get; init; }

    /// <summary>The model's decision against its threshold: positive, negative, or none (no prediction yet).</summary>
    public string? Decision { get; init; }

    /// <summary>The reviewer's decision (agree, disagree, uncertain) or unreviewed.</summary>
    public string? Review { get; init; }

    public WorklistSort Sort { get; init; } = WorklistSort.Priority;
    public int Limit { get; init; } = 20;
    public int Offset { get; init; }
}
