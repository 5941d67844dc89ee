namespace HeadCt.Processor.Results;

public enum ResultStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
}
