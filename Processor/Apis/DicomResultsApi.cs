using HeadCt.Processor.DicomResults;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Results;
using HeadCt.Processor.Routing;
using HeadCt.Services.Common.Storage;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace HeadCt.Processor.Apis;

/// <summary>The DICOM objects of a study's result: the list from its result document, and each object's Part 10 bytes.</summary>
public static class DicomResultsApi
{
    public sealed record DicomObjectsResponse(string Id, string Status, IReadOnlyList<DicomObjectRecord> Objects, IReadOnlyList<RoutingRecord> Routing);

    public static IEndpointRouteBuilder MapDicomResultsApi(this IEndpointRouteBuilder app)
    {
        var dicom = app.MapGroup("/results/{id}/dicom").WithTags("DICOM results");
        dicom.MapGet("", ListAsync)
            .WithName("ListDicomResultObjects")
            .WithSummary("The DICOM objects written for the study's result (modality, SOP class, series, download link); empty until it ends.")
            .Produces<DicomObjectsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        dicom.MapGet("/{sopInstanceUid}", DownloadAsync)
            .WithName("GetDicomResultObject")
            .WithSummary("One result object as a DICOM Part 10 file (application/dicom).")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/results/{id}/routing/{destination}/retry", RetryAsync)
            .WithTags("DICOM results")
            .WithName("RetryRouting")
            .WithSummary("Send the study's result objects to the destination again (from failed or dead-letter; also re-sends a sent one).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(string id, IResultStore results, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id) || await results.GetAsync(id, cancellationToken) is not { } stored)
            return ProcessorProblems.StudyNotFound(id);
        var document = stored.Document;
        return HttpResults.Json(new DicomObjectsResponse(id, ProcessorJson.Name(document.Status), document.DicomObjects, document.Routing));
    }

    private static async Task<IResult> RetryAsync(
        string id, string destination, IResultStore results, RoutingWorker router, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
            return ProcessorProblems.StudyNotFound(id);
        var known = false;
        var outcome = await results.UpdateAsync(id, document =>
        {
            known = document.Routing.Any(record => record.Destination == destination);
            return known
                ? document with
                {
                    Routing = [.. document.Routing.Select(record => record.Destination == destination
                        ? record with { State = RoutingRecord.Pending, Attempts = 0, NextAttemptAt = null }
                        : record)],
                }
                : null;
        }, ifMatch: null, cancellationToken);
        if (outcome is ResultUpdate.NotFound)
            return ProcessorProblems.StudyNotFound(id);
        if (!known)
            return ProcessorProblems.DestinationNotFound(id, destination);
        router.Enqueue(id);
        return HttpResults.Accepted($"/results/{id}/dicom");
    }

    private static async Task<IResult> DownloadAsync(
        string id, string sopInstanceUid, IResultStore results, IResultObjectStore objects, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id) || await results.GetAsync(id, cancellationToken) is not { } stored)
            return ProcessorProblems.StudyNotFound(id);
        var document = stored.Document;
        var listed = document.DicomObjects.FirstOrDefault(item => item.SopInstanceUid == sopInstanceUid);
        if (listed is null || await objects.GetAsync(id, sopInstanceUid, cancellationToken) is not { } bytes)
            return ProcessorProblems.DicomObjectNotFound(id, sopInstanceUid);
        return HttpResults.Bytes(bytes.ToArray(), "application/dicom", $"{listed.Name}.dcm");
    }
}
