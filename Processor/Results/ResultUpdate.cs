namespace HeadCt.Processor.Results;

/// <summary>How a conditional update of a result document ended.</summary>
public abstract record ResultUpdate
{
    public sealed record Updated(StoredResult Result) : ResultUpdate;

    /// <summary>The change function declined: the document stays as it is.</summary>
    public sealed record Unchanged(StoredResult Result) : ResultUpdate;

    public sealed record NotFound : ResultUpdate;

    public sealed record PreconditionFailed : ResultUpdate;
}
