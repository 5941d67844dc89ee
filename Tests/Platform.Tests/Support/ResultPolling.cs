using System.Net;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Support;

public static class ResultPolling
{
    /// <summary>GETs /results/{id} until its status is one of <paramref name="statuses"/>; fails after the timeout.</summary>
    public static async Task<(JsonElement Document, string ETag)> WaitForStatusAsync(
        HttpClient gateway, string id, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await gateway.GetAsync($"/results/{id}");
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (statuses.Contains(document.GetProperty("status").GetString()))
                {
                    return (document, response.Headers.ETag!.ToString());
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Study {id} did not reach {string.Join("/", statuses)} within {timeout}; last answer: {last}");
    }
}
