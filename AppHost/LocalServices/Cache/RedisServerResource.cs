using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Cache;

/// <summary>The cache as an installed <c>redis-server</c> process.</summary>
internal sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => field ??= new(this, CacheEndpoint.Name);

    public ReferenceExpression ConnectionStringExpression => CacheEndpoint.ConnectionString(PrimaryEndpoint);
}
