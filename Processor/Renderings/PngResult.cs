namespace HeadCt.Processor.Renderings;

/// <summary>
/// A stored PNG with its blob ETag. The bytes of a key never change for a study, so clients may cache them; a
/// matching If-None-Match (RFC 9110 §13.1.2) answers 304 without a body. Private: these are patient images.
/// </summary>
public sealed class PngResult(StoredPng stored) : IResult
{
    public const string CacheControl = "private, max-age=3600";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = stored.ETag;
        response.Headers.CacheControl = CacheControl;
        if (Matches(httpContext.Request.Headers.IfNoneMatch.ToString()))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "image/png";
        response.ContentLength = stored.Png.Length;
        await response.Body.WriteAsync(stored.Png, httpContext.RequestAborted);
    }

    /// <summary>Weak comparison, as RFC 9110 §13.1.2 asks for If-None-Match.</summary>
    private bool Matches(string ifNoneMatch)
    {
        if (ifNoneMatch.Length == 0)
        {
            return false;
        }

        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(Opaque(candidate), Opaque(stored.ETag), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
