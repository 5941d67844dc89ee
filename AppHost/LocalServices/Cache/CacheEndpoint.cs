using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Cache;

/// <summary>The one TCP endpoint of a local Redis-protocol server and its StackExchange.Redis connection string.</summary>
internal static class CacheEndpoint
{
    public const string Name = "tcp";

    // 127.0.0.1 rather than "localhost": the endpoint proxy listens on IPv4 loopback only.
    public static ReferenceExpression ConnectionString(EndpointReference endpoint) =>
        ReferenceExpression.Create(
            $"{endpoint.Property(EndpointProperty.IPV4Host)}:{endpoint.Property(EndpointProperty.Port)}");
}
