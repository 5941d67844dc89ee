using System.Diagnostics;
using HeadCt.Processor.DicomResults;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Queue;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HeadCt.Processor.Routing;
using HeadCt.Processor.Telemetry;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Worker;

/// <summary>
/// Runs one job to a stored outcome. The message is deleted only after the result is written, so a crash at any
/// point brings the job back; every step is safe to redo, and the dequeue count bounds the redos. The job runs only
/// while it holds the study's claim, so two replicas never process one study at once, and a study that has its
/// outcome is never completed again.
/// </summary>
public sealed class JobRunner(
    IJobQueue queue,
    IResultStore results,
    StudyPipeline pipeline,
    RenderingStore renderings,
    StudyViewCache views,
    StudyClaims claims,
    ResultObjectStage dicomObjects,
    IOptions<RoutingOptions> routing,
    RoutingWorker router,
    IOptions<WorkerOptions> options,
    ProcessorTelemetry telemetry,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    public async Task RunAsync(LeasedJob job, CancellationToken stopping)
    {
        if (job.StudyId is not { } studyId)
        {
            Log.PoisonMessage(logger, job.MessageId, "not a job message");
            telemetry.JobsFailed.Add(1);
            await queue.CompleteAsync(job, stopping);
            return;
        }

        using var activity = ProcessorTelemetry.ActivitySource.StartActivity("job");
        activity?.SetTag("headct.study_id", studyId);
        activity?.SetTag("headct.attempt", job.DequeueCount);
        var started = time.GetTimestamp();
        bool done;
        await using (new LeaseKeeper(queue, job, options.Value.VisibilityTimeout, time, logger))
        {
            var claim = await claims.ClaimAsync(studyId, stopping);
            if (claim is null)
            {
                // Another replica is processing the study: this message comes back later and finds its outcome.
                Log.StudyHeldElsewhere(logger, studyId);
                await queue.ReleaseAsync(job, options.Value.ClaimDuration, stopping);
                return;
            }

            await using (claim)
            {
                done = await RunClaimedAsync(job, studyId, claim, started, stopping);
            }
        }

        if (!done)
        {
            return;
        }

        await queue.CompleteAsync(job, stopping);
    }

    /// <summary>True when the study completed here; false when the job ended otherwise (its message is handled).</summary>
    private async Task<bool> RunClaimedAsync(LeasedJob job, string studyId, StudyClaim claim, long started, CancellationToken stopping)
    {
        var maxAttempts = options.Value.MaxAttempts;
        if (job.DequeueCount > maxAttempts)
        {
            // Taken more often than allowed: earlier attempts crashed before they could record anything.
            await FailAsync(job, studyId, $"Gave up after {maxAttempts} attempts without finishing.", stopping);
            return false;
        }

        var begun = await results.UpdateAsync(studyId, document => document.Status is ResultStatus.Completed or ResultStatus.Failed
            ? null
            : document with
            {
                Status = ResultStatus.Processing,
                StartedAt = document.StartedAt ?? time.GetUtcNow(),
                Attempts = job.DequeueCount,
            }, ifMatch: null, stopping);
        if (begun is ResultUpdate.PreconditionFailed)
        {
            // Writers kept racing us; the lease runs out and the job comes back.
            throw new InvalidOperationException($"The result of study {studyId} kept changing while the job started.");
        }

        if (begun is ResultUpdate.NotFound)
        {
            await DropAsync(job, studyId, "the study was deleted", stopping);
            return false;
        }

        if (begun is ResultUpdate.Unchanged)
        {
            await DropAsync(job, studyId, "the study already has its outcome", stopping);
            return false;
        }

        Log.JobStarted(logger, studyId, job.DequeueCount);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stopping, claim.Lost);
        try
        {
            var output = await pipeline.RunAsync(studyId, running.Token);
            running.Token.ThrowIfCancellationRequested();
            var completedAt = time.GetUtcNow();
            var objects = await dicomObjects.WriteAsync(studyId, output, completedAt, null, stopping);
            var stored = await results.UpdateAsync(studyId, document => document.Status is ResultStatus.Completed or ResultStatus.Failed
                ? null
                : document with
                {
                    Status = ResultStatus.Completed,
                    CompletedAt = completedAt,
                    Series = output.Series,
                    Imaging = output.Imaging,
                    Prediction = output.Prediction,
                    Applicability = output.Applicability,
                    Timings = output.Timings,
                    DicomObjects = objects,
                    Routing = ResultRouter.Plan(routing.Value, objects),
                    Shadow = output.Shadows,
                    FailureReason = null,
                }, ifMatch: null, stopping);
            if (stored is ResultUpdate.Unchanged)
            {
                await DropAsync(job, studyId, "the study got its outcome while it ran", stopping);
                return false;
            }

            if (stored is not ResultUpdate.Updated)
            {
                // The view was stored for a study that no longer exists.
                await renderings.DeleteAllAsync(studyId, stopping);
                await DropAsync(job, studyId, "the study was deleted while it ran", stopping);
                return false;
            }

            // Logged the moment the outcome is stored: a replica killed after this point has completed the study.
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            telemetry.JobDuration.Record(seconds);
            telemetry.JobsCompleted.Add(1);
            Log.JobCompleted(logger, studyId, seconds);
            if (output.View is { } view)
            {
                views.Add(studyId, completedAt, view);
            }

            router.Enqueue(studyId);
            return true;
        }
        catch (OperationCanceledException) when (claim.Lost.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Another replica holds the study now; the message comes back when its lease runs out and finds the outcome.
            return false;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            await HandleFailureAsync(job, studyId, e, stopping);
            return false;
        }
    }

    private async Task HandleFailureAsync(LeasedJob job, string studyId, Exception error, CancellationToken stopping)
    {
        var reason = JobFailures.ReasonOf(error);
        if (JobFailures.IsPermanent(error))
        {
            // The input itself is unusable: another attempt would fail the same way.
            await FailAsync(job, studyId, reason, stopping, (error as PipelineException)?.Output);
            return;
        }

        if (job.DequeueCount >= options.Value.MaxAttempts)
        {
            await FailAsync(job, studyId, reason, stopping);
            return;
        }

        var delay = options.Value.RetryDelay * Math.Pow(2, job.DequeueCount - 1);
        Log.JobAttemptFailed(logger, studyId, job.DequeueCount, delay, error);
        telemetry.JobAttemptsFailed.Add(1);
        await results.UpdateAsync(studyId, document => document with
        {
            Status = ResultStatus.Queued,
            FailureReason = $"Attempt {job.DequeueCount} failed: {reason}",
        }, ifMatch: null, stopping);
        await queue.ReleaseAsync(job, delay, stopping);
    }

    private async Task FailAsync(LeasedJob job, string studyId, string reason, CancellationToken stopping, PipelineOutput? output = null)
    {
        var failedAt = time.GetUtcNow();
        var objects = output is null ? [] : await dicomObjects.WriteAsync(studyId, output, failedAt, "the study failed: " + reason, stopping);
        var failed = await results.UpdateAsync(studyId, document => document.Status is ResultStatus.Completed or ResultStatus.Failed
            ? null
            : document with
            {
                Status = ResultStatus.Failed,
                CompletedAt = failedAt,
                DicomObjects = objects,
                Routing = ResultRouter.Plan(routing.Value, objects),
                FailureReason = reason,
                Attempts = job.DequeueCount,
                Series = output?.Series ?? document.Series,
                Imaging = output?.Imaging ?? document.Imaging,
            }, ifMatch: null, stopping);
        if (failed is ResultUpdate.Updated)
        {
            router.Enqueue(studyId);
            Log.JobFailed(logger, studyId, job.DequeueCount, reason);
            telemetry.JobsFailed.Add(1);
        }

        await queue.CompleteAsync(job, stopping);
    }

    private async Task DropAsync(LeasedJob job, string studyId, string why, CancellationToken stopping)
    {
        Log.JobDropped(logger, studyId, why);
        await queue.CompleteAsync(job, stopping);
    }
}
