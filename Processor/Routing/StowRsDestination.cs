using System.Net.Http.Headers;

namespace HeadCt.Processor.Routing;

/// <summary>
/// Sends Part 10 instances to a DICOMweb STOW-RS endpoint (PS3.18 §10.5): one <c>multipart/related;
/// type="application/dicom"</c> POST. A 200 (all stored) is success; 202 (some refused), 409 and others are failures
/// with the status and the start of the answer as the reason.
/// </summary>
public sealed class StowRsDestination(string name, Uri studiesUrl, HttpClient http) : IResultDestination
{
    public string Name => name;

    public async Task SendAsync(IReadOnlyList<byte[]> instances, CancellationToken cancellationToken)
    {
        using var body = new MultipartContent("related", "headct-" + Guid.NewGuid().ToString("N"));
        body.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var instance in instances)
        {
            var part = new ByteArrayContent(instance);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            body.Add(part);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, studiesUrl) { Content = body };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/dicom+json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DestinationException($"{studiesUrl} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DestinationException($"{studiesUrl} did not answer in time.", e);
        }

        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
                return;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new DestinationException($"STOW-RS to {studiesUrl} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        }
    }
}
