using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace HeadCt.Platform.Tests.DicomWeb;

/// <summary>Plain HTTP helpers for /dicom-web: STOW-RS bodies, DICOM JSON reading, multipart/related parsing.</summary>
public static class DicomWebClient
{
    public static MultipartContent StowBody(IEnumerable<byte[]> instances, string partType = "application/dicom", string rootType = "application/dicom")
    {
        var content = new MultipartContent("related", "stow-" + Guid.NewGuid().ToString("N"));
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", $"\"{rootType}\""));
        foreach (var instance in instances)
        {
            var part = new ByteArrayContent(instance);
            part.Headers.ContentType = new MediaTypeHeaderValue(partType);
            content.Add(part);
        }

        return content;
    }

    public static async Task<HttpResponseMessage> StowAsync(HttpClient gateway, IEnumerable<byte[]> instances, string? study = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, study is null ? "/dicom-web/studies" : $"/dicom-web/studies/{study}")
        {
            Content = StowBody(instances),
        };
        request.Headers.Accept.ParseAdd("application/dicom+json");
        return await gateway.SendAsync(request);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient gateway, string path)
    {
        using var response = await gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// The first value of attribute <paramref name="tag"/> (eight hex digits) of a DICOM JSON object, as text; Orthanc's
    /// client answers in its own JSON form, where "Value" is the value itself, which is read too.
    /// </summary>
    public static string? Value(JsonElement dataset, string tag)
    {
        if (!dataset.TryGetProperty(tag, out var attribute) || !attribute.TryGetProperty("Value", out var values))
        {
            return null;
        }

        if (values.ValueKind == JsonValueKind.String)
        {
            return values.GetString();
        }

        if (values.GetArrayLength() == 0)
        {
            return null;
        }

        var first = values[0];
        return first.ValueKind switch
        {
            JsonValueKind.Object when first.TryGetProperty("Alphabetic", out var name) => name.GetString(),
            JsonValueKind.Number => first.GetRawText(),
            _ => first.GetString(),
        };
    }

    /// <summary>The parts of a multipart/related answer: each part's Content-Type and bytes.</summary>
    public static async Task<List<(string ContentType, byte[] Body)>> ReadPartsAsync(HttpResponseMessage response)
    {
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/related", contentType.MediaType);
        var boundary = contentType.Parameters.Single(parameter => parameter.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync()) { BodyLengthLimit = null };
        var parts = new List<(string, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            parts.Add((section.ContentType ?? string.Empty, buffer.ToArray()));
        }

        return parts;
    }
}
