namespace HeadCt.Processor.Queue;

/// <summary>
/// A message taken off the queue and invisible to other workers until its lease ends. The pop receipt changes with
/// every lease extension; only the latest one can extend, release or delete the message.
/// </summary>
public sealed class LeasedJob(string messageId, string popReceipt, long dequeueCount, string? studyId, string body)
{
    private string _popReceipt = popReceipt;

    public string MessageId { get; } = messageId;
    public long DequeueCount { get; } = dequeueCount;

    /// <summary>Null when the body is not a job message (a poison message).</summary>
    public string? StudyId { get; } = studyId;

    public string Body { get; } = body;

    public string PopReceipt
    {
        get => Volatile.Read(ref _popReceipt);
        set => Volatile.Write(ref _popReceipt, value);
    }
}
