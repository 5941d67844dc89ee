using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Azurite;

/// <summary>Azurite from its container image, used when a container runtime answers.</summary>
internal sealed class AzuriteContainerResource(string name)
    : ContainerResource(name), IResourceWithConnectionString
{
    public EndpointReference BlobEndpoint => field ??= new(this, AzuriteAccount.BlobEndpointName);

    public EndpointReference QueueEndpoint => field ??= new(this, AzuriteAccount.QueueEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        AzuriteAccount.ConnectionString(BlobEndpoint, QueueEndpoint);
}
