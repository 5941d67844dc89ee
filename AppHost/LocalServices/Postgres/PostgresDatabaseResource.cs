using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices.Postgres;

/// <summary>
/// A database on the local server: only a connection string (the services create the database themselves when it is
/// missing, as <c>initdb</c> makes only <c>postgres</c>). Services wait for the server, which it belongs to.
/// </summary>
internal sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent<PostgresServerResource>
{
    public PostgresServerResource Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent.ConnectionStringExpression};Database={DatabaseName}");
}
