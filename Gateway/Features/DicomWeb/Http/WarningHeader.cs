namespace HeadCt.Gateway.Features.DicomWeb.Http;

/// <summary>PS3.18 §8.3.4.1/§8.3.4.4 warnings: RFC 7234 Warning header fields with code 299 and the service as agent.</summary>
public static class WarningHeader
{
    public static void Add(HttpResponse response, string text) =>
        response.Headers.Append("Warning", $"299 {response.HttpContext.Request.Host}: \"{text.Replace("\"", "'", StringComparison.Ordinal)}\"");
}
