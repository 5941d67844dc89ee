using Microsoft.AspNetCore.Http;

namespace HeadCt.Services.Common.Problems;

/// <summary>
/// Stable RFC 9457 "type" URIs shared by the gateway and the processor (the gateway relays the processor's bodies as
/// they are): clients branch on these, so they never change once published.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "https://headct.dev/problems/";

    public const string NotDicom = Base + "not-dicom";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string StorageUnavailable = Base + "storage-unavailable";
    public const string ProcessorUnavailable = Base + "processor-unavailable";
    public const string StudyNotFound = Base + "study-not-found";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string InvalidMetadata = Base + "invalid-metadata";
    public const string InvalidRequest = Base + "invalid-request";
    public const string NotCompleted = Base + "not-completed";
    public const string NotRendered = Base + "not-rendered";
    public const string SliceOutOfRange = Base + "slice-out-of-range";
    public const string AttentionUnavailable = Base + "attention-not-available";
    public const string ImagesUnavailable = Base + "images-unavailable";
    public const string InternalError = Base + "internal-error";
    public const string StudyBusy = Base + "study-busy";
    public const string UnknownDestination = Base + "unknown-destination";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string UploadTimeout = Base + "upload-timeout";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string PreconditionRequired = Base + "precondition-required";
    public const string ReviewNotAllowed = Base + "review-not-allowed";

    /// <summary>The type for a status code when no more specific problem was chosen (routing 404, 405...).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status404NotFound => Base + "not-found",
        StatusCodes.Status405MethodNotAllowed => Base + "method-not-allowed",
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status428PreconditionRequired => PreconditionRequired,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status500InternalServerError => InternalError,
        StatusCodes.Status503ServiceUnavailable => Base + "service-unavailable",
        _ => Base + "http-" + status,
    };
}
