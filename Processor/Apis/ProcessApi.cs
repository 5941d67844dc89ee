using HeadCt.Processor.Problems;
using HeadCt.Processor.Queue;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Processor.Telemetry;
using HeadCt.Processor.Worker;
using HeadCt.Services.Common.Storage;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace HeadCt.Processor.Apis;

public static class ProcessApi
{
    public sealed record ProcessRequest(string? Id);

    public sealed record ProcessAccepted(string Id, ResultStatus Status);

    public static IEndpointRouteBuilder MapProcessApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/process", ProcessAsync)
            .WithName("ProcessStudy")
            .WithSummary("Queue a stored study for processing: creates its result document (queued) and a job message.")
            .WithTags("Jobs")
            .Produces<ProcessAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ProcessAsync(
        ProcessRequest request, IResultStore results, IJobQueue queue, JobArrivalSignal arrivals, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(request.Id))
        {
            return ProcessorProblems.InvalidRequest("'id' must be a study id (32 lowercase hex digits).");
        }

        var studyId = request.Id;
        using var activity = ProcessorTelemetry.ActivitySource.StartActivity("enqueue");
        activity?.SetTag("headct.study_id", studyId);
        // A repeated call (an HTTP retry) finds the document and queues nothing more.
        if (await results.TryCreateAsync(ResultDocument.Queued(studyId, time.GetUtcNow()), cancellationToken))
        {
            try
            {
                await queue.EnqueueAsync(studyId, cancellationToken);
            }
            catch
            {
                // Without a job the document would stay "queued" for ever; the caller retries or cleans up.
                await results.DeleteAsync(studyId, CancellationToken.None);
                throw;
            }

            arrivals.Notify();
            Log.JobQueued(loggers.CreateLogger(typeof(ProcessApi)), studyId);
        }

        return HttpResults.Json(new ProcessAccepted(studyId, ResultStatus.Queued), ProcessorJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }
}
