using HeadCt.Processor.Pipeline.SeriesSummary;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// The stages a study goes through, in order: copy the instances to local files, read headers and choose the series,
/// build the volume, render and store its images. Inference joins here when it lands.
/// </summary>
public sealed class StudyPipeline(IStudyFileSource files, ImagingStage imaging, IOptions<PipelineOptions> options, TimeProvider time)
{
    public async Task<PipelineOutput> RunAsync(string studyId, CancellationToken cancellationToken)
    {
        if (options.Value.TestDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.TestDelay, time, cancellationToken);
        }

        using var local = await files.DownloadAsync(studyId, cancellationToken);

        using var activity = ProcessorTelemetry.ActivitySource.StartActivity("stage imaging");
        activity?.SetTag("headct.study_id", studyId);
        var instances = imaging.ReadInstances(studyId, local.Paths);
        if (instances.Count == 0)
        {
            throw new PipelineException("The study has no readable DICOM instances.") { Permanent = true };
        }

        var result = await Task.Run(() => imaging.Build(instances), cancellationToken);
        var series = SeriesSummarizer.Summarize([.. instances.Select(instance => instance.Header)], result.Decision);
        activity?.SetTag("headct.series_count", series.Count);
        if (!result.Succeeded)
        {
            var decisionOnly = new ImagingRecord(SeriesDecisionRecord.From(result.Decision), null, null, null, []);
            throw new PipelineException($"No volume could be built ({result.FailureKind}): {result.FailureReason}")
            {
                Permanent = true,
                Output = new PipelineOutput(series, decisionOnly),
            };
        }

        activity?.SetTag("headct.series_instance_uid", result.Decision.SeriesInstanceUid);
        return new PipelineOutput(series, await imaging.StoreAsync(studyId, result, cancellationToken));
    }
}
