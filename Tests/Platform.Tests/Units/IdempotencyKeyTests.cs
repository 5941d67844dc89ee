using System.Security.Claims;
using HeadCt.Gateway.Features.Upload;

namespace HeadCt.Platform.Tests.Units;

public sealed class IdempotencyKeyTests
{
    [Fact]
    public void GivenOneKey_WhenTwoCallersScopeIt_ThenTheHashesDifferAndEachIsStableAndKeyDependent()
    {
        const string key = "retry-7f3a";
        var alice = Caller("ApiKey", "alice");
        var bob = Caller("ApiKey", "bob");

        Assert.NotEqual(IdempotencyKey.Scope(alice, key), IdempotencyKey.Scope(bob, key));
        Assert.NotEqual(IdempotencyKey.Scope(alice, key), IdempotencyKey.Scope(Caller("Bearer", "alice"), key));
        Assert.Equal(IdempotencyKey.Scope(alice, key), IdempotencyKey.Scope(Caller("ApiKey", "alice"), key));
        Assert.NotEqual(IdempotencyKey.Scope(alice, key), IdempotencyKey.Scope(alice, key + "x"));
        Assert.Equal(64, IdempotencyKey.Scope(alice, key).Length);
    }

    private static ClaimsPrincipal Caller(string scheme, string name) =>
        new(new ClaimsIdentity([new Claim("name", name)], scheme, "name", "role"));

    [Theory]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("naïve", false)]
    [InlineData("a-valid_key.123", true)]
    public void GivenHeaderValue_WhenChecked_ThenOnlyVisibleAsciiUpTo255IsValid(string key, bool valid) =>
        Assert.Equal(valid, IdempotencyKey.IsValid(key));

    [Fact]
    public void GivenKeyLongerThanTheLimit_WhenChecked_ThenInvalid() =>
        Assert.False(IdempotencyKey.IsValid(new string('k', IdempotencyKey.MaxLength + 1)));
}
