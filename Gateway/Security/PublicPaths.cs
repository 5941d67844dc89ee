namespace HeadCt.Gateway.Security;

/// <summary>
/// What stays anonymous (contracts.md §3): the web page and its assets, which only ask for the key, health probes,
/// and the API description. Listed by path so it holds whether a file is served by middleware or an endpoint.
/// </summary>
public static class PublicPaths
{
    private static readonly PathString[] Exact = ["/", "/index.html", "/favicon.ico", "/health", "/alive", SignInConfigPath];
    private static readonly PathString[] Prefixes = ["/app", "/openapi", "/scalar"];

    /// <summary>How the page may sign in: read before anyone has signed in.</summary>
    public const string SignInConfigPath = "/config/sign-in";

    /// <summary>The code-for-token exchange of the page's sign-in; the issuer checks the code and the PKCE verifier.</summary>
    public const string SignInTokenPath = "/config/sign-in/token";

    public static bool Contains(HttpRequest request)
    {
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(SignInTokenPath, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

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
