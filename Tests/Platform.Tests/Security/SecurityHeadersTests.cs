using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>Issue 16: no security headers on the page. Every page and API answer now carries them, refusals included.</summary>
[Collection(ServicesCollection.Name)]
public sealed class SecurityHeadersTests(ServicesAppFixture fixture)
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/app/main.js", true)]
    [InlineData("/results/0123456789abcdef0123456789abcdef", true)]
    [InlineData("/results/0123456789abcdef0123456789abcdef", false)]
    [InlineData("/health", false)]
    public async Task GivenAPageOrAnApiAnswer_WhenRead_ThenItCarriesTheSecurityHeaders(string path, bool signedIn)
    {
        using var gateway = signedIn ? fixture.CreateGatewayClient() : fixture.CreateAnonymousGatewayClient();

        using var response = await gateway.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-inline", directives["style-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
