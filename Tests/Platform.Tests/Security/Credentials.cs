using System.Net.Http.Headers;

namespace HeadCt.Platform.Tests.Security;

/// <summary>Requests carrying one credential, for tests that compare roles.</summary>
public static class Credentials
{
    public static HttpRequestMessage WithApiKey(this HttpRequestMessage request, string key)
    {
        request.Headers.Add(TestCredentials.ApiKeyHeader, key);
        return request;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
