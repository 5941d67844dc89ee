using System.Diagnostics;
using System.Net;

namespace HeadCt.Load;

/// <summary>
/// Open-loop reads: <c>GET /results/{id}</c> of one completed study started at a fixed rate whatever the answers
/// take (so a slow answer does not hide the queue behind it), each timed from its scheduled start to its last byte.
/// </summary>
public static class ConstantRateReads
{
    public static async Task<(LatencyRecorder Latencies, double AchievedPerSecond)> RunAsync(
        HttpClient http, string studyId, int perSecond, TimeSpan duration)
    {
        var latencies = new LatencyRecorder($"GET /results/{{id}} at {perSecond}/s");
        var total = (int)(perSecond * duration.TotalSeconds);
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(ReadAsync(http, studyId, due, clock, latencies));
        }

        await Task.WhenAll(inFlight);
        return (latencies, total / clock.Elapsed.TotalSeconds);
    }

    private static async Task ReadAsync(HttpClient http, string studyId, TimeSpan due, Stopwatch clock, LatencyRecorder latencies)
    {
        try
        {
            using var response = await http.GetAsync($"/results/{studyId}", HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                latencies.Record(clock.Elapsed - due);
            }
            else
            {
                latencies.Error();
            }
        }
        catch (HttpRequestException)
        {
            latencies.Error();
        }
    }
}
