namespace HeadCt.Gateway.Features.DicomWeb.Http;

/// <summary>The service root (<c>{scheme}://{host}/dicom-web</c>) and the retrieve URLs under it (PS3.18 §10.4).</summary>
public static class DicomWebUrls
{
    public const string Root = "/dicom-web";

    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Root}";

    public static string Study(string baseUrl, string study) => $"{baseUrl}/studies/{study}";

    public static string Series(string baseUrl, string study, string series) => $"{Study(baseUrl, study)}/series/{series}";

    public static string Instance(string baseUrl, string study, string series, string instance) =>
        $"{Series(baseUrl, study, series)}/instances/{instance}";

    /// <summary>UIDs in a URL are digits and dots, at most 64 (PS3.5 §9.1); anything else is a 400, never a query.</summary>
    public static bool IsUid(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiDigit(c) || c == '.');
}
