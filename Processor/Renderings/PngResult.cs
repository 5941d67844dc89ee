using HeadCt.Processor.Problems;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// A drawn PNG with its ETag. The bytes behind an ETag never change, so clients may cache them; a matching
/// If-None-Match (RFC 9110 §13.1.2) answers 304 without drawing. Private: these are patient images.
/// </summary>
public sealed class PngResult(string entityTag, Func<CancellationToken, Task<byte[]>> draw) : IResult
{
    public const string CacheControl = "private, max-age=3600";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if (Matches(httpContext.Request.Headers.IfNoneMatch.ToString()))
        {
            SetValidators(response);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        byte[] png;
        try
        {
            png = await draw(httpContext.RequestAborted);
        }
        catch (ImagesUnavailableException e)
        {
            await ProcessorProblems.ImagesUnavailable(e.StudyId, e.Reason).ExecuteAsync(httpContext);
            return;
        }

        SetValidators(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "image/png";
        response.ContentLength = png.Length;
        await response.Body.WriteAsync(png, httpContext.RequestAborted);
    }

    private void SetValidators(HttpResponse response)
    {
        response.Headers.ETag = entityTag;
        response.Headers.CacheControl = CacheControl;
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
            if (candidate == "*" || string.Equals(Opaque(candidate), Opaque(entityTag), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
