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
    /// <param name="Source">Where the study came from when it was not uploaded; kept on the result document.</param>
    /// <param name="Reprocess">Process a study that already has an outcome again (instances arrived late over DIMSE).</param>
    public sealed record ProcessRequest(string? Id, StudySource? Source = null, bool Reprocess = false);

    public sealed record ProcessAccepted(string Id, ResultStatus Status);

    public static IEndpointRouteBuilder MapProcessApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/process", ProcessAsync)
            .WithName("ProcessStudy")
            .WithSummary("Queue a stored study for processing: creates its result document (queued) and a job message.")
            .WithTags("Jobs")
            .Produces<ProcessAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
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
        if (await results.TryCreateAsync(ResultDocument.Queued(studyId, time.GetUtcNow()) with { Source = request.Source }, cancellationToken))
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
        else if (request.Reprocess)
        {
            switch (await ReopenAsync(results, studyId, request.Source, cancellationToken))
            {
                case Reopened.Busy:
                    return ProcessorProblems.StudyBusy(studyId);
                case Reopened.Requeued:
                    try
                    {
                        await queue.EnqueueAsync(studyId, cancellationToken);
                    }
                    catch
                    {
                        // Not left "queued" without a job: failed, so the caller's retry reopens it again.
                        await results.UpdateAsync(studyId, document => document with
                        {
                            Status = ResultStatus.Failed, FailureReason = "Reprocessing could not be queued.",
                        }, ifMatch: null, CancellationToken.None);
                        throw;
                    }

                    arrivals.Notify();
                    Log.JobQueued(loggers.CreateLogger(typeof(ProcessApi)), studyId);
                    break;
            }
        }

        return HttpResults.Json(new ProcessAccepted(studyId, ResultStatus.Queued), ProcessorJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private enum Reopened { Requeued, AlreadyQueued, Busy }

    /// <summary>
    /// A finished study goes back to queued with its outcome cleared (metadata and reviews kept); a queued one only takes
    /// the new source (its job will read every instance); a processing one is busy: its run may have listed the instances
    /// before the late ones arrived, so the caller asks again once it has finished.
    /// </summary>
    private static async Task<Reopened> ReopenAsync(IResultStore results, string studyId, StudySource? source, CancellationToken cancellationToken)
    {
        var outcome = Reopened.AlreadyQueued;
        await results.UpdateAsync(studyId, document =>
        {
            switch (document.Status)
            {
                case ResultStatus.Processing:
                    outcome = Reopened.Busy;
                    return null;
                case ResultStatus.Queued:
                    outcome = Reopened.AlreadyQueued;
                    return document with { Source = source ?? document.Source };
                default:
                    outcome = Reopened.Requeued;
                    return document with
                    {
                        Status = ResultStatus.Queued, Source = source ?? document.Source, StartedAt = null, CompletedAt = null,
                        Series = [], Imaging = null, Prediction = null, Timings = null, FailureReason = null, Attempts = 0,
                    };
            }
        }, ifMatch: null, cancellationToken);
        return outcome;
    }
}
