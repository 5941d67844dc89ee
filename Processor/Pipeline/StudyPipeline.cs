using HeadCt.Processor.Pipeline.SeriesSummary;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// The stages a study goes through, in order: read headers and summarise series (select the series to analyse);
/// volume building, inference and rendering join here as they land.
/// </summary>
public sealed class StudyPipeline(IStudyInstanceSource instances, IOptions<PipelineOptions> options, TimeProvider time)
{
    public async Task<PipelineOutput> RunAsync(string studyId, CancellationToken cancellationToken)
    {
        if (options.Value.TestDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.TestDelay, time, cancellationToken);
        }

        using var activity = ProcessorTelemetry.ActivitySource.StartActivity("stage series-summary");
        activity?.SetTag("headct.study_id", studyId);
        var headers = await instances.ReadHeadersAsync(studyId, cancellationToken);
        if (headers.Count == 0)
        {
            throw new PipelineException("The study has no readable DICOM instances.");
        }

        var series = SeriesSummarizer.Summarize(headers);
        activity?.SetTag("headct.series_count", series.Count);
        return new PipelineOutput(series);
    }
}
