using System.Net;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Support;

public static class StudyUploader
{
    /// <summary>Uploads files and returns the study id from a 202 answer.</summary>
    public static Task<string> UploadAsync(HttpClient gateway, IEnumerable<string> paths) =>
        UploadAsync(gateway, Uploads.OfFiles(paths));

    /// <summary>Uploads files given as bytes and returns the study id from a 202 answer.</summary>
    public static Task<string> UploadAsync(HttpClient gateway, IEnumerable<(string FileName, byte[] Content)> files) =>
        UploadAsync(gateway, Uploads.Of(files));

    private static async Task<string> UploadAsync(HttpClient gateway, MultipartFormDataContent content)
    {
        using var form = content;
        using var response = await gateway.PostAsync("/upload", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
