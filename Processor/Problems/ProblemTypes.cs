namespace HeadCt.Processor.Problems;

/// <summary>Stable RFC 9457 "type" URIs, the same vocabulary as the gateway's (it relays these bodies as they are).</summary>
public static class ProblemTypes
{
    private const string Base = "https://headct.dev/problems/";

    public const string StudyNotFound = Base + "study-not-found";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string InvalidRequest = Base + "invalid-request";
    public const string InvalidMetadata = Base + "invalid-metadata";
    public const string NotCompleted = Base + "not-completed";
    public const string NotRendered = Base + "not-rendered";
    public const string SliceOutOfRange = Base + "slice-out-of-range";
    public const string StorageUnavailable = Base + "storage-unavailable";
    public const string InternalError = Base + "internal-error";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status404NotFound => Base + "not-found",
        StatusCodes.Status405MethodNotAllowed => Base + "method-not-allowed",
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status415UnsupportedMediaType => Base + "unsupported-media-type",
        StatusCodes.Status500InternalServerError => InternalError,
        StatusCodes.Status503ServiceUnavailable => Base + "service-unavailable",
        _ => Base + "http-" + status,
    };
}
