using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 20 §6 on the gateway: the page learns how to sign in from GET /config/sign-in (nothing about the issuer is in
/// the page), exchanges its authorization code through POST /config/sign-in/token only with the PKCE verifier of its
/// challenge, and GET /me names the principal reviews are recorded under.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class SignInTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenTheLoopbackIssuer_WhenTheCodeIsExchangedWithAWrongAndTheRightVerifier_ThenOnlyTheRightOneGivesATokenForTheSignedInUser()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var config = await gateway.GetFromJsonAsync<JsonElement>("/config/sign-in");
        var organisation = config.GetProperty("organisation");
        Assert.Equal(TestOidcIssuer.Instance.Issuer + "/authorize", organisation.GetProperty("authorizationEndpoint").GetString());
        Assert.Equal(TestOidcIssuer.ClientId, organisation.GetProperty("clientId").GetString());
        Assert.Equal(TestOidcIssuer.Instance.Issuer, organisation.GetProperty("issuer").GetString());
        var redirectUri = new Uri(gateway.BaseAddress!, "/").ToString();
        TestOidcIssuer.Instance.SignInAs = new TestOidcUser("u-0815", "Dr Grace Hopper", ["reviewer"]);

        var verifier = TestTokens.Base64Url(RandomNumberGenerator.GetBytes(32));
        using var wrong = await ExchangeAsync(gateway, await AuthorizeAsync(redirectUri, verifier), verifier + "x", redirectUri);
        var wrongOutcome = TestOidcIssuer.Instance.LastTokenOutcome;
        using var elsewhere = await ExchangeAsync(gateway, await AuthorizeAsync(redirectUri, verifier), verifier, "https://evil.example/");
        using var right = await ExchangeAsync(gateway, await AuthorizeAsync(redirectUri, verifier), verifier, redirectUri);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("PKCE", wrongOutcome);
        await ProblemAssert.IsProblemAsync(elsewhere, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("no-store", right.Headers.CacheControl?.ToString());
        var tokens = await right.Content.ReadFromJsonAsync<JsonElement>();
        using var me = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/me").WithBearer(tokens.GetProperty("access_token").GetString()!));
        var principal = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Dr Grace Hopper", principal.GetProperty("name").GetString());
        Assert.Equal("organisation", principal.GetProperty("credential").GetString());
        Assert.Equal(new[] { "reviewer" }, principal.GetProperty("roles").EnumerateArray().Select(role => role.GetString()!));
        using var byKey = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/me").WithApiKey(TestCredentials.ReviewerKey));
        Assert.Equal(TestCredentials.ReviewerKeyName, (await byKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        using var anonymous = await gateway.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>The browser's trip to the issuer: the authorization request with an S256 challenge, the code from the redirect back.</summary>
    private static async Task<string> AuthorizeAsync(string redirectUri, string verifier)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var challenge = TestTokens.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = $"response_type=code&client_id={TestOidcIssuer.ClientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
                    $"&scope=openid&state=s1&nonce=n1&code_challenge={challenge}&code_challenge_method=S256";
        using var redirect = await browser.GetAsync($"{TestOidcIssuer.Instance.Issuer}/authorize?{query}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var back = HttpUtility.ParseQueryString(redirect.Headers.Location!.Query);
        Assert.Equal("s1", back["state"]);
        return back["code"]!;
    }

    private static Task<HttpResponseMessage> ExchangeAsync(HttpClient gateway, string code, string verifier, string redirectUri) =>
        gateway.PostAsJsonAsync("/config/sign-in/token", new { code, codeVerifier = verifier, redirectUri });
}
