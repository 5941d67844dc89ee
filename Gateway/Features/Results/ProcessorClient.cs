using System.Net.Http.Headers;
using System.Net.Http.Json;
using HeadCt.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Results;

/// <summary>
/// The processor's internal API. The processor owns result documents, the job queue and the cache, so the gateway
/// forwards every result read and write to it rather than touching them itself.
/// </summary>
public sealed class ProcessorClient(HttpClient http, IOptions<ProcessorClientOptions> options, GatewayTelemetry telemetry) : IProcessorQueue
{
    public async Task QueueAsync(string studyId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "process") { Content = JsonContent.Create(new { id = studyId }) },
            "queue", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProcessorUnavailableException($"The processor answered {(int)response.StatusCode} to POST /process.");
        }
    }

    public async Task<bool> QueueAsync(string studyId, string source, Storage.DimseOrigin origin, bool reprocess, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "process")
            {
                Content = JsonContent.Create(new
                {
                    id = studyId,
                    source = new { kind = source, origin.CallingAeTitles, origin.Associations, origin.Instances },
                    reprocess,
                }, options: GatewayJson.Options),
            },
            "queue", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ProcessorUnavailableException($"The processor answered {(int)response.StatusCode} to POST /process.");
        }

        return true;
    }

    public Task<HttpResponseMessage> GetResultAsync(string studyId, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"results/{studyId}"), "get result", cancellationToken);

    /// <summary>The projections or attention-map summary of a study: drawn, so it may rebuild the study's view first.</summary>
    public Task<HttpResponseMessage> GetRenderingAsync(string kind, string studyId, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{kind}/{studyId}");
            request.Options.Set(ProcessorResilience.TimeoutOption, options.Value.ImageTimeout);
            return request;
        }, "get " + kind, cancellationToken);

    /// <summary>The list of a study's DICOM result objects, or one of them (Part 10 bytes) by its SOP Instance UID.</summary>
    public Task<HttpResponseMessage> GetDicomResultAsync(string studyId, string? sopInstanceUid, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get,
            sopInstanceUid is null ? $"results/{studyId}/dicom" : $"results/{studyId}/dicom/{Uri.EscapeDataString(sopInstanceUid)}"),
            "get dicom result", cancellationToken);

    public Task<HttpResponseMessage> RetryRoutingAsync(string studyId, string destination, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"results/{studyId}/routing/{Uri.EscapeDataString(destination)}/retry"),
            "retry routing", cancellationToken);

    public Task<HttpResponseMessage> GetShadowReportAsync(string model, string query, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"models/{Uri.EscapeDataString(model)}/shadow-report{query}");
            request.Options.Set(ProcessorResilience.TimeoutOption, options.Value.ImageTimeout);
            return request;
        }, "get shadow report", cancellationToken);

    /// <summary>A stored PNG (projection or slice) by its path and query, with the caller's If-None-Match.</summary>
    public Task<HttpResponseMessage> GetImageAsync(string pathAndQuery, string? ifNoneMatch, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
            request.Options.Set(ProcessorResilience.TimeoutOption, options.Value.ImageTimeout);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
            if (!string.IsNullOrEmpty(ifNoneMatch))
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }

            return request;
        }, "get image", cancellationToken);

    /// <param name="author">The authenticated principal, recorded in the review history as who saved.</param>
    public Task<HttpResponseMessage> PutMetadataAsync(
        string studyId, MetadataUpdate update, string author, string? ifMatch, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"results/{studyId}")
            {
                Content = JsonContent.Create(new { update.Comment, update.Review, update.Tags, Author = author }, options: GatewayJson.Options),
            };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            return request;
        }, "put metadata", cancellationToken);

    /// <summary>True when the processor held a result for the study and removed it.</summary>
    public async Task<bool> DeleteResultAsync(string studyId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, $"results/{studyId}"), "delete result", cancellationToken);
        return response.StatusCode switch
        {
            System.Net.HttpStatusCode.NoContent => true,
            System.Net.HttpStatusCode.NotFound => false,
            _ => throw new ProcessorUnavailableException($"The processor answered {(int)response.StatusCode} to DELETE /results."),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, string operation, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = createRequest();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (ProcessorResilience.IsRefusedAtOnce(e))
        {
            telemetry.ProcessorCallsRefused.Add(1);
            throw new ProcessorUnavailableException(
                $"The processor failed to answer recently; the gateway does not call it for up to {options.Value.BreakDuration.TotalSeconds:0.#} s.",
                e, refusedFor: options.Value.BreakDuration);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ProcessorUnavailableException($"The processor did not answer in time ({operation}).", e);
        }

        if ((int)response.StatusCode >= 500)
        {
            response.Dispose();
            throw new ProcessorUnavailableException($"The processor failed ({operation}): {(int)response.StatusCode}.");
        }

        return response;
    }
}
