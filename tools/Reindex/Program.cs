using Azure.Storage.Blobs;
using HeadCt.StudyIndex;
using HeadCt.StudyIndex.Rebuild;
using HeadCt.StudyIndex.Schema;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// reindex: empties the study index and derives it again from blob storage.
// Settings (command line as --Key=value, or environment): ConnectionStrings:storage, ConnectionStrings:index,
// Storage:DicomContainer (dicom), Storage:ResultsContainer (results). Exit code 0 on success.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var storage = configuration.GetConnectionString("storage");
var index = configuration.GetConnectionString(IndexConnection.Name);
if (string.IsNullOrWhiteSpace(storage) || string.IsNullOrWhiteSpace(index))
{
    Console.Error.WriteLine("reindex needs ConnectionStrings:storage and ConnectionStrings:index " +
                            "(e.g. --ConnectionStrings:storage=\"...\" --ConnectionStrings:index=\"Host=...;Database=headct;...\").");
    return 2;
}

using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
var logger = loggers.CreateLogger("reindex");
await new IndexMigrator(index, logger).MigrateAsync(CancellationToken.None);

var blobs = new BlobServiceClient(storage);
var dicom = blobs.GetBlobContainerClient(configuration["Storage:DicomContainer"] ?? "dicom");
var results = blobs.GetBlobContainerClient(configuration["Storage:ResultsContainer"] ?? "results");
await using var database = NpgsqlDataSource.Create(index);
using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
var writer = new StudyIndexWriter(database, new IndexTelemetry(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
var outcome = await new StudyIndexRebuilder(new BlobStudySource(dicom, results, logger), writer, logger).RebuildAsync(CancellationToken.None);
Console.WriteLine($"reindex: {outcome.Studies} studies, {outcome.Instances} instances, {outcome.Results} results");
return 0;
