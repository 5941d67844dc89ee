namespace HeadCt.Gateway.Apis;

public static class HeaderResult
{
    /// <summary>The result with one response header set before it is written (Location, Retry-After).</summary>
    public static IResult WithHeader(this IResult result, string name, string value) => new Headed(result, name, value);

    private sealed class Headed(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
