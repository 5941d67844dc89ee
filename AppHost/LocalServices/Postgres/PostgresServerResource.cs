using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Postgres;

/// <summary>Debian's PostgreSQL server binaries run as a process (directly, or through runuser when the AppHost is root).</summary>
internal sealed class PostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ParameterResource Password { get; } = password;

    // 127.0.0.1 rather than "localhost": the endpoint proxy listens on IPv4 loopback only.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}
