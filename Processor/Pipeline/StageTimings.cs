using System.Collections.Concurrent;
using System.Diagnostics;
using HeadCt.Processor.Telemetry;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// Times the stages of one job: each stage is a span ("stage {name}") for the trace and a duration in milliseconds
/// for the result document, so both tell the same story.
/// </summary>
public sealed class StageTimings(string studyId)
{
    private readonly ConcurrentDictionary<string, double> _milliseconds = new();

    public IReadOnlyDictionary<string, double> Milliseconds => _milliseconds;

    public Stage Start(string name)
    {
        var activity = ProcessorTelemetry.ActivitySource.StartActivity("stage " + name);
        activity?.SetTag("headct.study_id", studyId);
        return new Stage(this, name, activity, Stopwatch.GetTimestamp());
    }

    public readonly struct Stage(StageTimings owner, string name, Activity? activity, long started) : IDisposable
    {
        public Activity? Activity => activity;

        public void Dispose()
        {
            owner._milliseconds[name] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            activity?.Dispose();
        }
    }
}
