using System.Security.Cryptography;
using System.Text;

namespace HeadCt.Services.Common.Security;

/// <summary>
/// Credentials are kept and compared as SHA-256 digests: the configuration need not hold the key itself, and equal-length
/// digests compare in constant time, so the answer time says nothing about how much of a guess was right.
/// </summary>
public static class SecretHash
{
    public const int HexLength = SHA256.HashSizeInBytes * 2;

    public static byte[] Of(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The lowercase hex digest, the form an operator puts in configuration (e.g. `sha256sum`).</summary>
    public static string HexOf(string secret) => Convert.ToHexStringLower(Of(secret));

    public static bool TryParseHex(string? hex, out byte[] digest)
    {
        digest = [];
        if (hex is not { Length: HexLength })
        {
            return false;
        }

        try
        {
            digest = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool Matches(byte[] presentedDigest, byte[] expectedDigest) =>
        CryptographicOperations.FixedTimeEquals(presentedDigest, expectedDigest);
}
