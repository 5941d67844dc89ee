namespace HeadCt.Gateway.Features.DicomWeb.Http;

/// <summary>The problem documents (RFC 9457) of /dicom-web, each with a stable type.</summary>
public static class DicomWebProblems
{
    private const string ProblemBase = "https://headct.dev/problems/";

    public const string BadQuery = ProblemBase + "dicomweb-bad-query";
    public const string NotFound = ProblemBase + "dicomweb-not-found";
    public const string NotAcceptable = ProblemBase + "not-acceptable";
    public const string UnsupportedMediaType = ProblemBase + "dicomweb-unsupported-media-type";
    public const string Unreadable = ProblemBase + "dicomweb-unreadable-instance";

    public static IResult Query(string detail) => Microsoft.AspNetCore.Http.Results.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: BadQuery, title: "The DICOMweb request is malformed.", detail: detail);

    public static IResult Missing(string what) => Microsoft.AspNetCore.Http.Results.Problem(
        statusCode: StatusCodes.Status404NotFound, type: NotFound, title: "Not found.", detail: $"No {what} is stored here.");

    /// <summary>
    /// The client's Accept excludes application/problem+json, so the problem-details service declines to write this one;
    /// the trace id every problem carries is added here instead.
    /// </summary>
    public static IResult CannotServe(string detail) => Microsoft.AspNetCore.Http.Results.Problem(
        statusCode: StatusCodes.Status406NotAcceptable, type: NotAcceptable, title: "No acceptable representation.", detail: detail,
        extensions: new Dictionary<string, object?> { ["traceId"] = System.Diagnostics.Activity.Current?.Id });

    public static IResult Unsupported(string detail) => Microsoft.AspNetCore.Http.Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, type: UnsupportedMediaType,
        title: "STOW-RS takes multipart/related; type=\"application/dicom\".", detail: detail);

    public static IResult UnreadableInstance(string detail) => Microsoft.AspNetCore.Http.Results.Problem(
        statusCode: StatusCodes.Status500InternalServerError, type: Unreadable, title: "A stored instance could not be read.", detail: detail);
}
