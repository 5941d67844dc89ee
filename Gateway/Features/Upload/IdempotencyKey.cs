using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// Idempotency-Key header values (draft-ietf-httpapi-idempotency-key-header), stored only as a hash that also covers
/// the caller: a key is the caller's own, so another caller's reuse of it starts a new study and sees nothing of theirs.
/// </summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    public static bool IsValid(string key)
    {
        if (key.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is < (char)0x21 or > (char)0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>SHA-256 of the caller (credential kind and name) and the key.</summary>
    public static string Scope(ClaimsPrincipal caller, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{caller.Identity?.AuthenticationType}\n{caller.Identity?.Name}\n{key}")));
}
