namespace HeadCt.StudyIndex.Storage;

/// <summary>What an outbox marker says is about to change in blob storage.</summary>
public enum OutboxKind
{
    /// <summary>The study's record and instances (written or deleted by the gateway).</summary>
    Study,

    /// <summary>The study's result document (written or deleted by the processor).</summary>
    Result,
}
