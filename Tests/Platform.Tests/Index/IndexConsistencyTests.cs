using System.Diagnostics;
using System.Net;
using Azure.Storage.Blobs;
using HeadCt.Gateway.Features.Index;
using HeadCt.Gateway.Storage;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;
using HeadCt.StudyIndex.Reconcile;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Worklist;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeadCt.Platform.Tests.Index;

/// <summary>
/// The index against its truth, blob storage: a failed index write after the blob write is settled by the outbox
/// reconciler, and an index dropped whole is rebuilt identically by the <c>reindex</c> tool.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class IndexConsistencyTests(ServicesAppFixture fixture)
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task GivenTheIndexWriteFailsAfterTheBlobWrite_WhenTheReconcilerRuns_ThenTheStudyIsIndexedFromBlobStorageAndTheMarkerCleared()
    {
        var (blobs, indexConnection) = await ConnectAsync();
        var dicom = new DicomContainer(blobs, Options.Create(new StudyStorageOptions()));
        var outbox = new IndexOutbox(dicom.GetAsync);
        var unreachable = new NpgsqlConnectionStringBuilder(indexConnection) { Database = "no_such_index_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        await using var brokenIndex = NpgsqlDataSource.Create(unreachable);
        await using var index = NpgsqlDataSource.Create(indexConnection);
        var store = new IndexingStudyStore(new BlobStudyStore(dicom), IndexDatabase.Writer(brokenIndex), outbox, IndexDatabase.Telemetry(),
            new WorklistSearch(brokenIndex, Options.Create(new HeadCt.StudyIndex.IndexOptions()), IndexDatabase.Telemetry()),
            new BlobStudySourceFactory(dicom, blobs, NullLogger<BlobStudySource>.Instance), NullLogger<IndexingStudyStore>.Instance);
        var studyId = Guid.NewGuid().ToString("N");
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await using var content = File.OpenRead(files[i]);
            await store.WriteInstanceAsync(studyId, i + 1, content, default);
        }

        await store.WriteRecordAsync(new StudyRecord(studyId, DateTimeOffset.UtcNow, [], null), default);
        var markedAfterFailure = await outbox.IsMarkedAsync(OutboxKind.Study, studyId, default);
        var rowsAfterFailure = await CountAsync(indexConnection, studyId);

        var settled = await Reconciler(blobs, dicom, outbox, index).RunOnceAsync(TimeSpan.Zero, default);

        Assert.True(markedAfterFailure, "The marker stays when the index write fails.");
        Assert.Equal(0, rowsAfterFailure);
        Assert.True(settled >= 1);
        Assert.Equal(3, await CountAsync(indexConnection, studyId));
        Assert.False(await outbox.IsMarkedAsync(OutboxKind.Study, studyId, default));
        await store.DeleteStudyAsync(studyId, default);
        await Reconciler(blobs, dicom, outbox, index).RunOnceAsync(TimeSpan.Zero, default);
        Assert.Equal(0, await CountAsync(indexConnection, studyId));
    }

    [Fact]
    public async Task GivenAWriterStoppedBeforeTheStudyRecord_WhenTheReconcilerRuns_ThenNothingOfItIsIndexedAndTheMarkerCleared()
    {
        var (blobs, indexConnection) = await ConnectAsync();
        var dicom = new DicomContainer(blobs, Options.Create(new StudyStorageOptions()));
        var outbox = new IndexOutbox(dicom.GetAsync);
        await using var index = NpgsqlDataSource.Create(indexConnection);
        var studyId = Guid.NewGuid().ToString("N");
        await outbox.MarkAsync(OutboxKind.Study, studyId, default);
        await using (var content = File.OpenRead(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]))
        {
            await new BlobStudyStore(dicom).WriteInstanceAsync(studyId, 1, content, default);
        }

        await Reconciler(blobs, dicom, outbox, index).RunOnceAsync(TimeSpan.Zero, default);

        Assert.Equal(0, await CountAsync(indexConnection, studyId));
        Assert.False(await outbox.IsMarkedAsync(OutboxKind.Study, studyId, default));
        await new BlobStudyStore(dicom).DeleteStudyAsync(studyId, default);
    }

    [Fact]
    public async Task GivenTheIndexDatabaseIsDropped_WhenReindexRuns_ThenItIsRebuiltIdenticallyFromBlobStorage()
    {
        var (blobs, indexConnection) = await ConnectAsync();
        using var gateway = fixture.CreateGatewayClient();
        await WaitForIdleAsync(gateway);
        var dicom = new DicomContainer(blobs, Options.Create(new StudyStorageOptions()));
        await using (var index = NpgsqlDataSource.Create(indexConnection))
        {
            await Reconciler(blobs, dicom, new IndexOutbox(dicom.GetAsync), index).RunOnceAsync(TimeSpan.Zero, default);
        }

        var before = await IndexDatabase.SnapshotAsync(indexConnection);
        await DropDatabaseAsync(indexConnection);
        var output = await RunReindexAsync(await fixture.GetStorageConnectionStringAsync(), indexConnection);
        var after = await IndexDatabase.SnapshotAsync(indexConnection);
        await WarmUpAsync(gateway);

        Assert.NotEmpty(before["instances"]);
        Assert.Contains("reindex:", output);
        foreach (var table in before.Keys)
        {
            Assert.True(before[table].Length == after[table].Length, $"{table}: {before[table].Length} rows before, {after[table].Length} after");
            Assert.Equal(before[table], after[table]);
        }
    }

    private async Task<(BlobServiceClient Blobs, string Index)> ConnectAsync() =>
        (new BlobServiceClient(await fixture.GetStorageConnectionStringAsync()), await IndexDatabase.ConnectionStringAsync(fixture));

    private static IndexReconciler Reconciler(BlobServiceClient blobs, DicomContainer dicom, IndexOutbox outbox, NpgsqlDataSource index) =>
        new(outbox, new BlobStudySource(dicom.GetAsync(default).Result, blobs.GetBlobContainerClient("results"), NullLogger.Instance),
            IndexDatabase.Writer(index), IndexDatabase.Telemetry(), NullLogger.Instance);

    private static async Task<long> CountAsync(string connectionString, string studyId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM instances WHERE study_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>No job in flight, so the index cannot change between the snapshot and the drop.</summary>
    private static async Task WaitForIdleAsync(HttpClient gateway)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await gateway.GetAsync("/worklist?status=queued,processing&limit=1");
            if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"items\":[]", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("Jobs were still queued or processing after two minutes.");
    }

    private static async Task DropDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE \"{target.Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> RunReindexAsync(string storage, string index)
    {
        var tool = Path.Combine(RepositoryPaths.Root, "tools", "Reindex", "bin", Configuration, "net10.0", "HeadCt.Reindex.dll");
        var start = new ProcessStartInfo("dotnet", [tool, $"--ConnectionStrings:storage={storage}", $"--ConnectionStrings:index={index}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"reindex exited {process.ExitCode}: {await output}{await errors}");
        return await output;
    }

    /// <summary>The services' pooled connections to the dropped database fail once each; settle them before the next test.</summary>
    private static async Task WarmUpAsync(HttpClient gateway)
    {
        var successes = 0;
        for (var attempt = 0; attempt < 40 && successes < 5; attempt++)
        {
            using var response = await gateway.GetAsync("/worklist?limit=1");
            successes = response.StatusCode == HttpStatusCode.OK ? successes + 1 : 0;
        }
    }
}
