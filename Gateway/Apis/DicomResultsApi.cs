using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Storage;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary>The DICOM objects of a study's result (SR, key images, SEG), relayed from the processor as they are.</summary>
public static class DicomResultsApi
{
    public static IEndpointRouteBuilder MapDicomResultsApi(this IEndpointRouteBuilder app)
    {
        var dicom = app.MapGroup("/results/{id}/dicom").WithTags("Results");
        dicom.MapGet("", (string id, ProcessorClient processor, CancellationToken cancellationToken) => StudyId.IsValid(id)
                ? ResultsApi.ProxyAsync(() => processor.GetDicomResultAsync(id, null, cancellationToken))
                : Task.FromResult(StudyNotFound(id)))
            .WithName("ListDicomResultObjects")
            .WithSummary("The DICOM objects written for the study's result: name, modality, SOP class and instance, series, and the link that downloads each.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        dicom.MapGet("/{sopInstanceUid}", (string id, string sopInstanceUid, ProcessorClient processor, CancellationToken cancellationToken) =>
                StudyId.IsValid(id)
                    ? ResultsApi.ProxyAsync(() => processor.GetDicomResultAsync(id, sopInstanceUid, cancellationToken))
                    : Task.FromResult(StudyNotFound(id)))
            .WithName("GetDicomResultObject")
            .WithSummary("One result object as a DICOM Part 10 file.")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/results/{id}/routing/{destination}/retry", (string id, string destination, ProcessorClient processor, CancellationToken cancellationToken) =>
                StudyId.IsValid(id)
                    ? ResultsApi.ProxyAsync(() => processor.RetryRoutingAsync(id, destination, cancellationToken))
                    : Task.FromResult(StudyNotFound(id)))
            .RequireAuthorization(GatewayAuthentication.AdminPolicy)
            .WithTags("Results")
            .WithName("RetryRouting")
            .WithSummary("Admin: send the study's result objects to the destination again (after failed or dead-letter).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/models/{name}/shadow-report", (string name, HttpRequest request, ProcessorClient processor, CancellationToken cancellationToken) =>
                ResultsApi.ProxyAsync(() => processor.GetShadowReportAsync(name, request.QueryString.Value ?? "", cancellationToken)))
            .RequireAuthorization(GatewayAuthentication.AdminPolicy)
            .WithTags("Models")
            .WithName("GetShadowReport")
            .WithSummary("Admin: a shadow model's output beside the primary's and the reviewer's decision, per study, with agreement figures.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
