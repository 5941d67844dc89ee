using HeadCt.Gateway.Features.Dimse;
using HeadCt.Gateway.Features.Dimse.Sending;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Problems;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary><c>POST /studies/{id}/send</c>: an admin sends a study's stored instances to a configured DICOM peer (C-STORE SCU).</summary>
public static class StudySendApi
{
    public sealed record SendRequest(string? Destination);

    public sealed record SendView(
        string Id, string StudyId, string Destination, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        DateTimeOffset? NextAttemptAt, int Instances, int Stored, int Failed, int Refused, int Pending, string? FailureReason,
        IReadOnlyDictionary<string, SentInstance> Results);

    public static IEndpointRouteBuilder MapStudySendApi(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/studies").WithTags("DICOM send");

        studies.MapPost("/{id}/send", SendAsync)
            .WithName("SendStudy")
            .WithSummary("Queue the study's instances for a C-STORE to a configured peer (role Scp); retried with backoff, then completed or failed.")
            .Accepts<SendRequest>("application/json")
            .Produces<SendView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        studies.MapGet("/{id}/sends/{sendId}", GetAsync)
            .WithName("GetStudySend")
            .WithSummary("Where a send stands: status, attempts, and each instance's outcome.")
            .Produces<SendView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> SendAsync(
        string id, SendRequest? request, IStudyStore studies, SendJobStore jobs, SendQueue queue, IOptions<DimseOptions> options,
        CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
            return StudyNotFound(id);
        if (string.IsNullOrWhiteSpace(request?.Destination))
            return BadRequest("No destination.", "Send {\"destination\": \"<AE title>\"}, a peer configured under Dimse:Peers with role Scp or Both.");
        var destinations = options.Value.Peers.Where(peer => peer.MayReceiveFromUs).Select(peer => peer.AeTitle.Trim()).ToList();
        if (options.Value.FindPeer(request.Destination) is not { MayReceiveFromUs: true } peer)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.UnknownDestination,
                title: "Unknown destination.", detail: $"'{request.Destination}' is not a configured peer we may send to.",
                extensions: new Dictionary<string, object?> { ["destinations"] = destinations });
        }

        try
        {
            if (await studies.ReadRecordAsync(id, cancellationToken) is null)
                return StudyNotFound(id);
            var instances = await jobs.InstancesOfAsync(id, cancellationToken);
            var job = await queue.EnqueueAsync(id, peer.AeTitle.Trim(), instances, cancellationToken);
            return Results.Accepted($"/studies/{id}/sends/{job.Id}", View(job));
        }
        catch (StorageUnavailableException)
        {
            return StorageUnavailable();
        }
    }

    private static async Task<IResult> GetAsync(string id, string sendId, SendJobStore jobs, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id) || !StudyId.IsValid(sendId) || await jobs.GetAsync(sendId, cancellationToken) is not { } job || job.StudyId != id)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.ForStatus(StatusCodes.Status404NotFound),
                title: "No such send.", detail: $"Study '{id}' has no send '{sendId}'.");
        return Results.Ok(View(job));
    }

    private static SendView View(SendJob job)
    {
        int Count(string outcome) => job.Results.Values.Count(result => result.Outcome == outcome);
        return new SendView(job.Id, job.StudyId, job.Destination, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(job.Status.ToString()), job.Attempts, job.CreatedAt, job.UpdatedAt, job.NextAttemptAt,
            job.Instances.Count, Count("stored"), Count("failed"), Count("refused"), job.Pending.Count, job.FailureReason, job.Results);
    }
}
