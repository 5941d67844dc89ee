using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Azurite;

/// <summary>Azurite's built-in development account and the connection string the services read.</summary>
internal static class AzuriteAccount
{
    // The emulator's published, well-known development account: not a secret.
    public const string Name = "devstoreaccount1";
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string BlobEndpointName = "blob";
    public const string QueueEndpointName = "queue";

    /// <summary>
    /// One connection string valid for both BlobServiceClient and QueueServiceClient. Path-style URLs
    /// (<c>http://127.0.0.1:port/devstoreaccount1</c>) because Azurite runs with --disableProductStyleUrl.
    /// </summary>
    /// <remarks>
    /// The host must be an IP address: the Azure SDK reads the account from the first path segment only
    /// for IP hosts. With "localhost" it takes the account for a container name and drops the real
    /// container from blob URLs.
    /// </remarks>
    public static ReferenceExpression ConnectionString(EndpointReference blob, EndpointReference queue) =>
        ReferenceExpression.Create(
            $"DefaultEndpointsProtocol=http;AccountName={Name};AccountKey={Key};" +
            $"BlobEndpoint=http://{blob.Property(EndpointProperty.IPV4Host)}:{blob.Property(EndpointProperty.Port)}/{Name};" +
            $"QueueEndpoint=http://{queue.Property(EndpointProperty.IPV4Host)}:{queue.Property(EndpointProperty.Port)}/{Name};");
}
