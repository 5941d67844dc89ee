using HeadCt.Processor.Results;
using HeadCt.Services.Common.Problems;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace HeadCt.Processor.Problems;

public static class ProcessorProblems
{
    public static IResult StudyNotFound(string id) => HttpResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.StudyNotFound,
        title: "No such study.", detail: $"No study has the id '{id}'.");

    public static IResult PreconditionFailed(string id) => HttpResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed, type: ProblemTypes.PreconditionFailed,
        title: "The result changed since it was read.",
        detail: $"The If-Match ETag is not the current version of study '{id}'. GET it again and retry.");

    public static IResult NotCompleted(string id, ResultStatus status) => HttpResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.NotCompleted,
        title: "The study is not completed.", detail: $"Study '{id}' is {ProcessorJson.Name(status)}.",
        extensions: new Dictionary<string, object?> { ["studyStatus"] = ProcessorJson.Name(status) });

    public static IResult ReviewNotAllowed(string id, ResultStatus status) => HttpResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.ReviewNotAllowed,
        title: "Only a completed study can be reviewed.",
        detail: $"Study '{id}' is {ProcessorJson.Name(status)}: there is no result to agree or disagree with. A comment and tags can still be saved.",
        extensions: new Dictionary<string, object?> { ["studyStatus"] = ProcessorJson.Name(status) });

    public static IResult ReviewNotApplicable(string id, string? why) => HttpResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.ReviewNotAllowed,
        title: "The model does not apply to this study, so there is no finding to review.",
        detail: $"Study '{id}' is outside what the model was made for{(why is null ? "" : $" ({why})")}: no finding was given, so " +
                "there is nothing to agree or disagree with. A comment and tags can still be saved.",
        extensions: new Dictionary<string, object?> { ["studyStatus"] = "completed", ["applicable"] = false });

    public static IResult NotRendered(string id, string kind) => HttpResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotRendered,
        title: $"No {kind} for this study.",
        detail: $"This version of the processor does not produce {kind}; study '{id}' is completed without them.");

    public static IResult StudyBusy(string id) => HttpResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.StudyBusy,
        title: "The study is being processed.",
        detail: $"Study '{id}' is processing; it can be processed again once this run has finished. Retry later.");

    public static IResult DicomObjectNotFound(string id, string sopInstanceUid) => HttpResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.StudyNotFound,
        title: "No such result object.", detail: $"Study '{id}' has no DICOM result object '{sopInstanceUid}'; GET /results/{id}/dicom lists them.");

    public static IResult DestinationNotFound(string id, string destination) => HttpResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.StudyNotFound,
        title: "No such routing destination for this study.",
        detail: $"Study '{id}' has no routing record for destination '{destination}'; GET /results/{id}/dicom lists its routing.");

    public static IResult InvalidRequest(string detail) => HttpResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidRequest, title: "Invalid request.", detail: detail);

    public static IResult SliceOutOfRange(string id, int count) => HttpResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.SliceOutOfRange,
        title: "No such slice.", detail: $"Study '{id}' has axial slices 0 to {count - 1}.",
        extensions: new Dictionary<string, object?> { ["sliceCount"] = count });

    public static IResult AttentionUnavailable(string id, string why) => HttpResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.AttentionUnavailable,
        title: "No attention map for this study.", detail: $"Study '{id}': {why}");

    public static IResult ImagesUnavailable(string id, string why) => HttpResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError, type: ProblemTypes.ImagesUnavailable,
        title: "The images of this study cannot be drawn.", detail: $"Study '{id}': {why}");
}
