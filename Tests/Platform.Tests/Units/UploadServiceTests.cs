using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Text;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using HeadCt.Platform.Tests.Support;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The upload orchestration against in-memory storage: all-or-nothing, limits, idempotency.</summary>
public sealed class UploadServiceTests
{
    private static readonly byte[] Slice = File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]);

    [Fact]
    public async Task GivenStorageFailingOnTheThirdInstance_WhenUploading_ThenStorageUnavailableAndNothingRemains()
    {
        var store = new MemoryStudyStore { FailOnWrite = 3 };
        var service = CreateService(store, new UploadLimitsOptions());

        var outcome = await service.UploadAsync(Reader([("a.dcm", Slice), ("b.dcm", Slice), ("c.dcm", Slice)]), null, default);

        Assert.IsType<UploadOutcome.StorageUnavailable>(outcome);
        Assert.Empty(store.Blobs);
        Assert.Empty(store.Records);
    }

    [Fact]
    public async Task GivenZipEntryDecompressingPastTheRatio_WhenUploading_ThenTooLargeNamesTheRatioAndNothingRemains()
    {
        var store = new MemoryStudyStore();
        var limits = new UploadLimitsOptions { MaxCompressionRatio = 20 };
        var zip = Zip([("a.dcm", Slice), ("zeros.dcm", new byte[2 << 20])]);

        var outcome = await CreateService(store, limits).UploadAsync(Reader([("s.zip", zip)]), null, default);

        Assert.Equal(nameof(UploadLimitsOptions.MaxCompressionRatio), Assert.IsType<UploadOutcome.TooLarge>(outcome).Limit);
        Assert.Empty(store.Blobs);
    }

    [Fact]
    public async Task GivenMoreZipEntriesThanAllowed_WhenUploading_ThenTooLargeNamesTheEntryLimit()
    {
        var limits = new UploadLimitsOptions { MaxZipEntries = 2 };
        var zip = Zip([("a.dcm", Slice), ("b.dcm", Slice), ("c.dcm", Slice)]);

        var outcome = await CreateService(new MemoryStudyStore(), limits).UploadAsync(Reader([("s.zip", zip)]), null, default);

        Assert.Equal(nameof(UploadLimitsOptions.MaxZipEntries), Assert.IsType<UploadOutcome.TooLarge>(outcome).Limit);
    }

    [Fact]
    public async Task GivenSameIdempotencyKeyTwice_WhenUploading_ThenTheSecondReplaysTheFirstWithoutStoring()
    {
        var store = new MemoryStudyStore();
        var service = CreateService(store, new UploadLimitsOptions());

        var first = Assert.IsType<UploadOutcome.Accepted>(await service.UploadAsync(Reader([("a.dcm", Slice)]), "key-1", default));
        var blobsAfterFirst = store.Blobs.Count;
        var second = Assert.IsType<UploadOutcome.Accepted>(await service.UploadAsync(Reader([("a.dcm", Slice)]), "key-1", default));

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Response.Id, second.Response.Id);
        Assert.Equal(blobsAfterFirst, store.Blobs.Count);
    }

    [Fact]
    public async Task GivenDicomAndText_WhenUploading_ThenTheStoredBytesAreTheFileAndTheTextIsRejected()
    {
        var store = new MemoryStudyStore();

        var outcome = await CreateService(store, new UploadLimitsOptions { HeaderWindowBytes = 4096 })
            .UploadAsync(Reader([("a.dcm", Slice), ("b.txt", Encoding.UTF8.GetBytes("not an image"))]), null, default);

        var accepted = Assert.IsType<UploadOutcome.Accepted>(outcome).Response;
        Assert.Equal(Slice, Assert.Single(store.Blobs.Values));
        Assert.Equal(Slice.Length, Assert.Single(accepted.Accepted).Size);
        Assert.Equal("b.txt", Assert.Single(accepted.Rejected).File);
    }

    private static UploadService CreateService(MemoryStudyStore store, UploadLimitsOptions limits)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new UploadService(store, store, new AcceptingQueue(), Options.Create(limits), new GatewayTelemetry(meters),
            TimeProvider.System, NullLogger<UploadService>.Instance);
    }

    private static MultipartReader Reader(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var form = Uploads.Of(files);
        var body = new MemoryStream();
        form.CopyTo(body, null, default);
        body.Position = 0;
        var boundary = form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        return new MultipartReader(boundary, body) { BodyLengthLimit = null };
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries) => Uploads.Zip(entries);

    private sealed class AcceptingQueue : IProcessorQueue
    {
        public Task QueueAsync(string studyId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Blob storage in memory; <see cref="FailOnWrite"/> makes the n-th instance write fail like Azure would.</summary>
    private sealed class MemoryStudyStore : IStudyStore, IIdempotencyStore
    {
        private int _writes;

        public int FailOnWrite { get; init; } = int.MaxValue;
        public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();
        public ConcurrentDictionary<string, StudyRecord> Records { get; } = new();
        public ConcurrentDictionary<string, UploadResponse> Keys { get; } = new();

        public async Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken)
        {
            if (++_writes == FailOnWrite)
            {
                throw new StorageUnavailableException("injected", new IOException("connection reset"));
            }

            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            Blobs[StudyBlobLayout.Instance(studyId, number)] = buffer.ToArray();
            return buffer.Length;
        }

        public Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken)
        {
            Records[record.Id] = record;
            return Task.CompletedTask;
        }

        public Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken) =>
            Task.FromResult(Records.GetValueOrDefault(studyId));

        public Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
        {
            var prefix = StudyBlobLayout.StudyPrefix(studyId);
            var deleted = Blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Count(k => Blobs.TryRemove(k, out _));
            return Task.FromResult(deleted + (Records.TryRemove(studyId, out _) ? 1 : 0));
        }

        public Task<UploadResponse?> FindAsync(string keyHash, CancellationToken cancellationToken) =>
            Task.FromResult(Keys.GetValueOrDefault(keyHash));

        public Task<UploadResponse?> TryAddAsync(string keyHash, UploadResponse response, CancellationToken cancellationToken) =>
            Task.FromResult(Keys.TryAdd(keyHash, response) ? null : Keys[keyHash]);

        public Task DeleteAsync(string keyHash, CancellationToken cancellationToken)
        {
            Keys.TryRemove(keyHash, out _);
            return Task.CompletedTask;
        }
    }
}
