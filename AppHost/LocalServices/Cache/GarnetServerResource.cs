using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Cache;

/// <summary>The cache as the <c>CacheServer</c> project, which hosts Microsoft Garnet.</summary>
internal sealed class GarnetServerResource(string name)
    : ProjectResource(name), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => field ??= new(this, CacheEndpoint.Name);

    public ReferenceExpression ConnectionStringExpression => CacheEndpoint.ConnectionString(PrimaryEndpoint);
}
