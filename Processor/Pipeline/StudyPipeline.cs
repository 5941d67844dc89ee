using HeadCt.Processor.DicomResults;
using HeadCt.Processor.Inference;
using HeadCt.Processor.Pipeline.SeriesSummary;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Renderings;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// The stages a study goes through, in order: copy the instances to local files, read headers and choose the series,
/// build the volume, score it with the model and place its attention, store the volume for the images. Each stage is a span and a duration in the
/// result document. Images are not drawn here: the output carries the study's view, from which they are drawn on request.
/// </summary>
public sealed class StudyPipeline(
    IStudyFileSource files, ImagingStage imaging, InferenceStage inference, Shadow.ShadowStage shadows, IOptions<PipelineOptions> options, TimeProvider time,
    StudyPixelBudget pixelBudget, StudyMemoryGate memory, RenderingStore renderings)
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
            var unreadable = new List<HeadCt.Imaging.Volume.SkippedInstance>();
            using (var stage = timings.Start("parse"))
            {
                instances = imaging.ReadInstances(studyId, local.Paths, unreadable);
                stage.Activity?.SetTag("headct.instance_count", instances.Count);
            }

            pixelBudget.Check(instances);
            using var reservation = await ReserveMemoryAsync(instances, cancellationToken);

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
            var source = ResultObjectStage.SourceOf(result.Decision.Instances);
            if (!result.Succeeded)
            {
                var decisionOnly = new ImagingRecord(SeriesDecisionRecord.From(result.Decision), null, null, null, []) { UnreadableInstances = unreadable };
                throw new PipelineException($"No volume could be built ({result.FailureKind}): {result.FailureReason}")
                {
                    Permanent = true,
                    Output = new PipelineOutput(series, decisionOnly) { Source = source },
                };
            }

            // Rounded as stored before anything looks at it, so the model, the cavity and the images see the values any
            // replica loads back from the stored volume, and every replica draws the same bytes.
            StoredVolumeFormat.RoundToStoredValues(result.Volume!);
            var inferred = await inference.RunAsync(studyId, result, timings, cancellationToken);
            IReadOnlyList<Shadow.ShadowRecord> shadowRecords;
            using (timings.Start("shadow"))
            {
                shadowRecords = await shadows.RunAsync(studyId, result.Volume!, cancellationToken);
            }

            using (timings.Start("view"))
            {
                await renderings.SaveVolumeAsync(studyId, result.Volume!, cancellationToken);
            }

            return new PipelineOutput(series, imaging.Describe(studyId, result) with { UnreadableInstances = unreadable }, inferred.Prediction, timings.Milliseconds)
            {
                Applicability = inferred.Applicability,
                View = new StudyView(result.Volume!, inferred.Attention),
                Source = source,
                Shadows = shadowRecords,
            };
        }
    }

    /// <summary>The study's share of the processor's memory, waited for (the wait is a tag of the job's span).</summary>
    private async Task<IDisposable> ReserveMemoryAsync(IReadOnlyList<Imaging.Selection.InstanceFile> instances, CancellationToken cancellationToken)
    {
        var bytes = memory.EstimateBytes(instances);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var reservation = await memory.ReserveAsync(bytes, cancellationToken);
        System.Diagnostics.Activity.Current?.SetTag("headct.memory.reserved_mib", bytes >> 20);
        System.Diagnostics.Activity.Current?.SetTag("headct.memory.wait_ms", (long)waited.Elapsed.TotalMilliseconds);
        return reservation;
    }
}
