using HeadCt.Processor.Inference;
using HeadCt.Processor.Pipeline.SeriesSummary;
using HeadCt.Processor.Pipeline.Volumes;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// The stages a study goes through, in order: copy the instances to local files, read headers and choose the series,
/// build the volume (and its projections), then at the same time score it with the model (drawing its attention) and
/// store the viewer images.
/// Each stage is a span and a duration in the result document.
/// </summary>
public sealed class StudyPipeline(
    IStudyFileSource files, ImagingStage imaging, InferenceStage inference, IOptions<PipelineOptions> options, TimeProvider time)
{
    public async Task<PipelineOutput> RunAsync(string studyId, CancellationToken cancellationToken)
    {
        if (options.Value.TestDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.TestDelay, time, cancellationToken);
        }

        var timings = new StageTimings(studyId);
        LocalStudyFiles local;
        using (timings.Start("download"))
        {
            local = await files.DownloadAsync(studyId, cancellationToken);
        }

        using (local)
        {
            IReadOnlyList<Imaging.Selection.InstanceFile> instances;
            using (var stage = timings.Start("parse"))
            {
                instances = imaging.ReadInstances(studyId, local.Paths);
                stage.Activity?.SetTag("headct.instance_count", instances.Count);
            }

            if (instances.Count == 0)
            {
                throw new PipelineException("The study has no readable DICOM instances.") { Permanent = true };
            }

            HeadCt.Imaging.StudyImagingResult result;
            using (var stage = timings.Start("volume"))
            {
                result = await Task.Run(() => imaging.Build(instances), cancellationToken);
                stage.Activity?.SetTag("headct.series_instance_uid", result.Decision.SeriesInstanceUid);
            }

            var series = SeriesSummarizer.Summarize([.. instances.Select(instance => instance.Header)], result.Decision);
            if (!result.Succeeded)
            {
                var decisionOnly = new ImagingRecord(SeriesDecisionRecord.From(result.Decision), null, null, null, []);
                throw new PipelineException($"No volume could be built ({result.FailureKind}): {result.FailureReason}")
                {
                    Permanent = true,
                    Output = new PipelineOutput(series, decisionOnly),
                };
            }

            // Storing the viewer images and scoring the volume only read it: run them side by side, so one's
            // blob uploads overlap the other's computation.
            using var renderCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var render = Task.Run(() => RenderAsync(studyId, result, timings, renderCancellation.Token), CancellationToken.None);
            PredictionRecord prediction;
            try
            {
                prediction = await inference.RunAsync(studyId, result.Volume!, timings, cancellationToken);
            }
            catch
            {
                await renderCancellation.CancelAsync();
                await render.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }

            return new PipelineOutput(series, await render, prediction, timings.Milliseconds);
        }
    }

    private async Task<ImagingRecord> RenderAsync(string studyId, HeadCt.Imaging.StudyImagingResult result, StageTimings timings, CancellationToken cancellationToken)
    {
        using (timings.Start("render"))
        {
            return await imaging.StoreAsync(studyId, result, cancellationToken);
        }
    }
}
