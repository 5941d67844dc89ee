using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Azurite;

/// <summary>Azurite from the npm package in <c>AppHost/azurite</c>, run by Node.js.</summary>
internal sealed class AzuriteResource(string name, string packageDirectory)
    : ExecutableResource(name, "node", packageDirectory), IResourceWithConnectionString
{
    public EndpointReference BlobEndpoint => field ??= new(this, AzuriteAccount.BlobEndpointName);

    public EndpointReference QueueEndpoint => field ??= new(this, AzuriteAccount.QueueEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        AzuriteAccount.ConnectionString(BlobEndpoint, QueueEndpoint);
}
