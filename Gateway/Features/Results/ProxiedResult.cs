namespace HeadCt.Gateway.Features.Results;

/// <summary>Relays a processor response as is: status, ETag, Cache-Control, content type and body (including problem details).</summary>
public sealed class ProxiedResult(HttpResponseMessage response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (response)
        {
            httpContext.Response.StatusCode = (int)response.StatusCode;
            if (response.Headers.ETag is { } etag)
            {
                httpContext.Response.Headers.ETag = etag.ToString();
            }

            if (response.Headers.CacheControl is { } cacheControl)
            {
                httpContext.Response.Headers.CacheControl = cacheControl.ToString();
            }

            if (response.Content.Headers.ContentType is { } contentType)
            {
                httpContext.Response.ContentType = contentType.ToString();
            }

            await response.Content.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
