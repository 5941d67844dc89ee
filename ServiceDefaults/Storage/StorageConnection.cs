namespace HeadCt.ServiceDefaults.Storage;

/// <summary>
/// How <c>ConnectionStrings:{name}</c> says to reach Azure Storage. Either an account connection string with its own
/// credential (an account key, a SAS, or Azurite's development account), used as it is; or the account's endpoints
/// without any secret, reached with <c>DefaultAzureCredential</c> (in Azure the container app's managed identity, chosen
/// by <c>AZURE_CLIENT_ID</c> when user-assigned): <c>BlobEndpoint=https://…;QueueEndpoint=https://…</c>, or
/// <c>AccountName=…</c> with an optional <c>EndpointSuffix</c> (default <c>core.windows.net</c>).
/// </summary>
public sealed record StorageConnection
{
    private static readonly string[] CredentialKeys = ["AccountKey", "SharedAccessSignature", "UseDevelopmentStorage"];

    private StorageConnection(string? connectionString, Uri? blobEndpoint, Uri? queueEndpoint) =>
        (ConnectionString, BlobEndpoint, QueueEndpoint) = (connectionString, blobEndpoint, queueEndpoint);

    /// <summary>The connection string to hand to the clients, or null when they authenticate with an identity.</summary>
    public string? ConnectionString { get; }

    public Uri? BlobEndpoint { get; }

    public Uri? QueueEndpoint { get; }

    public bool UsesIdentity => ConnectionString is null;

    /// <summary>Reads <paramref name="value"/>; <paramref name="setting"/> names it in the error when it says neither.</summary>
    public static StorageConnection Parse(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Azure Storage connection '{setting}' is missing. Run the service through the AppHost, or set it to an account " +
                "connection string, or to BlobEndpoint=https://…;QueueEndpoint=https://… (or AccountName=…) for a managed identity.");
        }
        var parts = Split(value, setting);
        if (CredentialKeys.Any(parts.ContainsKey))
            return new StorageConnection(value, null, null);
        if (parts.TryGetValue("BlobEndpoint", out var blob) && parts.TryGetValue("QueueEndpoint", out var queue))
            return new StorageConnection(null, Endpoint(blob, "BlobEndpoint", setting), Endpoint(queue, "QueueEndpoint", setting));
        if (parts.TryGetValue("AccountName", out var account) && account.Length > 0)
        {
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            return new StorageConnection(null,
                Endpoint($"https://{account}.blob.{suffix}/", "AccountName", setting),
                Endpoint($"https://{account}.queue.{suffix}/", "AccountName", setting));
        }
        throw new InvalidOperationException(
            $"Azure Storage connection '{setting}' has no credential (AccountKey, SharedAccessSignature, UseDevelopmentStorage) " +
            "and no endpoints for an identity (BlobEndpoint and QueueEndpoint, or AccountName).");
    }

    private static Dictionary<string, string> Split(string value, string setting)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new InvalidOperationException($"Azure Storage connection '{setting}': '{Name(part)}' is not a key=value pair.");
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        return parts;
    }

    // Bearer tokens only travel over TLS (the Azure SDK refuses them over plain HTTP), so an identity needs https endpoints.
    private static Uri Endpoint(string value, string key, string setting) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException(
                $"Azure Storage connection '{setting}': {key} must give an absolute https URI for an identity, not '{value}'.");

    // Never echo what might be a key: only the text before an '=' or its first characters.
    private static string Name(string part) => part.Length <= 12 ? part : part[..12] + "…";
}
