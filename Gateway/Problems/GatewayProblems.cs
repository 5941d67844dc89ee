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

    public static IResult StorageUnavailable() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.StorageUnavailable,
        title: "Storage is unavailable.", detail: "Nothing of this upload was kept. Retry later.");

    public static IResult ProcessorUnavailable() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.ProcessorUnavailable,
        title: "The processor is unavailable.", detail: "Retry later.");

    public static IResult BadRequest(string title, string detail) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidRequest, title: title, detail: detail);

    public static IResult InvalidMetadata(IDictionary<string, string[]> errors) => Results.ValidationProblem(
        errors, statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidMetadata,
        title: "The metadata is not valid.");
}
