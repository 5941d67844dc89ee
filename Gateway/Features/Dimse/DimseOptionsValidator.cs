using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse;

/// <summary>AE titles and peers are checked at start-up, naming the key, rather than failing the first association.</summary>
internal sealed class DimseOptionsValidator : IValidateOptions<DimseOptions>
{
    public ValidateOptionsResult Validate(string? name, DimseOptions options)
    {
        var failures = new List<string>();
        if (!HeadCt.Dimse.AeTitle.IsValid(options.AeTitle))
            failures.Add("Dimse:AeTitle must be 1-16 printable ASCII characters without backslash, not all spaces.");

        var titles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Peers.Count; i++)
        {
            var peer = options.Peers[i];
            var prefix = $"Dimse:Peers:{i}";
            if (!HeadCt.Dimse.AeTitle.IsValid(peer.AeTitle))
                failures.Add($"{prefix}:AeTitle must be 1-16 printable ASCII characters without backslash.");
            else if (!titles.Add(peer.AeTitle.Trim()))
                failures.Add($"{prefix}:AeTitle '{peer.AeTitle.Trim()}' is listed twice.");
            if (peer.MayReceiveFromUs && (string.IsNullOrWhiteSpace(peer.Host) || peer.Port is < 1 or > 65535))
                failures.Add($"{prefix} has role {peer.Role} and needs Host and Port (1-65535).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
