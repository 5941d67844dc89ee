namespace HeadCt.Gateway.Security;

/// <summary>
/// What stays anonymous (contracts.md §3): the web page and its assets, which only ask for the key, health probes,
/// and the API description. Listed by path so it holds whether a file is served by middleware or an endpoint.
/// </summary>
public static class PublicPaths
{
    private static readonly PathString[] Exact = ["/", "/index.html", "/favicon.ico", "/health", "/alive"];
    private static readonly PathString[] Prefixes = ["/app", "/openapi", "/scalar"];

    public static bool Contains(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        foreach (var path in Exact)
        {
            if (request.Path.Equals(path, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var prefix in Prefixes)
        {
            if (request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
