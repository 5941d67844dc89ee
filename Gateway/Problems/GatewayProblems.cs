using HeadCt.Gateway.Apis;
using HeadCt.Services.Common.Problems;
namespace HeadCt.Gateway.Problems;

/// <summary>The problem responses the gateway's endpoints return themselves.</summary>
public static class GatewayProblems
{
    public static IResult StudyNotFound(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.StudyNotFound,
        title: "No such study.", detail: $"No study has the id '{id}'.");

    public static IResult UnsupportedMediaType() => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, type: ProblemTypes.UnsupportedMediaType,
        title: "Uploads are multipart/form-data.",
        detail: "Send the DICOM files (or zip archives of them) as multipart/form-data parts in the field 'files'.");

    public static IResult NotDicom(object rejected) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.NotDicom,
        title: "No DICOM file in the upload.", detail: "Nothing was stored; 'rejected' says why each file was refused.",
        extensions: new Dictionary<string, object?> { ["rejected"] = rejected });

    public static IResult TooLarge(string limit, string detail) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, type: ProblemTypes.PayloadTooLarge,
        title: "The upload exceeds a limit.", detail: detail + " Nothing was stored.",
        extensions: new Dictionary<string, object?> { ["limit"] = limit });

    public static IResult IdempotencyKeyReused() => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.IdempotencyKeyReused,
        title: "The Idempotency-Key was used for a different request.",
        detail: "You sent this Idempotency-Key before with other files. Use a new key for a new upload; nothing was stored.");

    public static IResult UploadTimeout(TimeSpan limit) => Results.Problem(
        statusCode: StatusCodes.Status408RequestTimeout, type: ProblemTypes.UploadTimeout,
        title: "The upload took too long.",
        detail: $"An upload must arrive within {limit} (Upload:MaxDuration). Nothing was stored.",
        extensions: new Dictionary<string, object?> { ["limit"] = "MaxDuration" });

    public static IResult TooSlow(double minimumBytesPerSecond) => Results.Problem(
        statusCode: StatusCodes.Status408RequestTimeout, type: ProblemTypes.UploadTimeout,
        title: "The upload arrived too slowly.",
        detail: $"The body must arrive at {minimumBytesPerSecond} bytes per second at least (Upload:MinBodyBytesPerSecond). Nothing was stored.",
        extensions: new Dictionary<string, object?> { ["limit"] = "MinBodyBytesPerSecond" });

    public static IResult StorageUnavailable() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.StorageUnavailable,
        title: "Storage is unavailable.", detail: "Nothing of this upload was kept. Retry later.");

    /// <summary>503 with the reason and Retry-After: the break's length when the open circuit refused the call at once.</summary>
    public static IResult ProcessorUnavailable(Features.Results.ProcessorUnavailableException? error = null) =>
        Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.ProcessorUnavailable,
                title: "The processor is unavailable.", detail: (error?.Message ?? "The processor did not answer.") + " Retry later.",
                extensions: new Dictionary<string, object?> { ["refusedAtOnce"] = error?.RefusedAtOnce ?? false })
            .WithHeader("Retry-After", ((int)Math.Ceiling((error?.RetryAfter ?? TimeSpan.FromSeconds(5)).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IResult PreconditionRequired() => Results.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired, type: ProblemTypes.PreconditionRequired,
        title: "If-Match is required.",
        detail: "Send the ETag of the document you read (GET /results/{id}) in If-Match, so a review saved in between is not overwritten.");

    public static IResult BadRequest(string title, string detail) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidRequest, title: title, detail: detail);

    public static IResult InvalidMetadata(IDictionary<string, string[]> errors) => Results.ValidationProblem(
        errors, statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidMetadata,
        title: "The metadata is not valid.");
}
