using System.Security.Cryptography;
using System.Text;
using HeadCt.Gateway.Features.Upload;

namespace HeadCt.Platform.Tests.Units;

public sealed class IdempotencyKeyTests
{
    [Fact]
    public void GivenKey_WhenHashed_ThenItIsTheLowercaseSha256OfItsUtf8()
    {
        const string key = "retry-7f3a";

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), IdempotencyKey.Hash(key));
        Assert.NotEqual(IdempotencyKey.Hash(key), IdempotencyKey.Hash(key + "x"));
    }

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
