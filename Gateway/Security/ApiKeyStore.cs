using HeadCt.Services.Common.Security;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security;

/// <summary>The configured API keys as digests. A lookup compares against every key, so its time does not depend on which matched.</summary>
public sealed class ApiKeyStore
{
    private readonly (string Name, string Role, byte[] Digest)[] _keys;

    public ApiKeyStore(IOptions<AuthOptions> options)
    {
        var keys = new List<(string, string, byte[])>();
        foreach (var key in options.Value.ApiKeys)
        {
            var digest = !string.IsNullOrEmpty(key.Key)
                ? SecretHash.Of(key.Key)
                : SecretHash.TryParseHex(key.Hash, out var parsed) ? parsed : null;
            if (digest is not null)
            {
                keys.Add((key.Name, key.Role, digest));
            }
        }

        _keys = [.. keys];
    }

    public bool TryFind(string presentedKey, out string name, out string role)
    {
        var presented = SecretHash.Of(presentedKey);
        name = "";
        role = "";
        var found = false;
        foreach (var key in _keys)
        {
            if (SecretHash.Matches(presented, key.Digest) && !found)
            {
                (name, role, found) = (key.Name, key.Role, true);
            }
        }

        return found;
    }
}
