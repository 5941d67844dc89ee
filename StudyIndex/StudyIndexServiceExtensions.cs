using HeadCt.StudyIndex.Qido;
using HeadCt.StudyIndex.Retrieve;
using HeadCt.StudyIndex.Schema;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Worklist;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeadCt.StudyIndex;

public static class StudyIndexServiceExtensions
{
    /// <summary>
    /// The index's data source (Aspire.Npgsql: pooling, health check, tracing and metrics) from ConnectionStrings:index,
    /// migrated at start-up before the service takes requests, and the writer and queries over it.
    /// </summary>
    public static IHostApplicationBuilder AddStudyIndex(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(IndexConnection.Name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{IndexConnection.Name} (the study index in PostgreSQL) is not set.");
        builder.AddNpgsqlDataSource(IndexConnection.Name);
        var services = builder.Services;
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new IndexConnection(connectionString));
        services.AddHostedService<IndexMigrationService>();
        services.AddSingleton<IndexTelemetry>();
        services.AddSingleton<StudyIndexWriter>();
        services.AddSingleton<QidoSearch>();
        services.AddSingleton<WorklistSearch>();
        services.AddSingleton<InstanceLocator>();
        return builder;
    }
}
