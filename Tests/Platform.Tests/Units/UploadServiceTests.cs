using System.Text;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Platform.Tests.Support;
using static HeadCt.Platform.Tests.Units.IngestHarness;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The upload orchestration against in-memory storage: all-or-nothing, limits, idempotency.</summary>
public sealed class UploadServiceTests
{
    private static readonly byte[] Slice = File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]);
    private static readonly byte[] OtherSlice = File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[1]);

    [Fact]
    public async Task GivenStorageFailingOnTheThirdInstance_WhenUploading_ThenStorageUnavailableAndNothingRemains()
    {
        var store = new MemoryStudyStore { FailOnWrite = 3 };

        var outcome = await Uploads(store, new IngestLimitsOptions()).UploadAsync(Reader([("a.dcm", Slice), ("b.dcm", Slice), ("c.dcm", Slice)]), null, default);

        Assert.IsType<UploadOutcome.StorageUnavailable>(outcome);
        Assert.Empty(store.Blobs);
        Assert.Empty(store.Records);
        Assert.Empty(store.Pending);
    }

    [Fact]
    public async Task GivenZipEntryDecompressingPastTheRatio_WhenUploading_ThenTooLargeNamesTheRatioAndNothingRemains()
    {
        var store = new MemoryStudyStore();
        var zip = Support.Uploads.Zip([("a.dcm", Slice), ("zeros.dcm", new byte[2 << 20])]);

        var outcome = await Uploads(store, new IngestLimitsOptions { MaxCompressionRatio = 20 }).UploadAsync(Reader([("s.zip", zip)]), null, default);

        Assert.Equal(nameof(IngestLimitsOptions.MaxCompressionRatio), Assert.IsType<UploadOutcome.TooLarge>(outcome).Limit);
        Assert.Empty(store.Blobs);
    }

    [Fact]
    public async Task GivenMoreZipEntriesThanAllowed_WhenUploading_ThenTooLargeNamesTheEntryLimit()
    {
        var zip = Support.Uploads.Zip([("a.dcm", Slice), ("b.dcm", Slice), ("c.dcm", Slice)]);

        var outcome = await Uploads(new MemoryStudyStore(), new IngestLimitsOptions { MaxZipEntries = 2 }).UploadAsync(Reader([("s.zip", zip)]), null, default);

        Assert.Equal(nameof(IngestLimitsOptions.MaxZipEntries), Assert.IsType<UploadOutcome.TooLarge>(outcome).Limit);
    }

    /// <summary>Found by bench/Hardening: 2 M directory records pointing at one 0.5 MB entry stored it 1,024 times (until the pixel budget stopped it).</summary>
    [Fact]
    public async Task GivenDirectoryRecordsPointingAtOneEntry_WhenUploading_ThenOnlyTheFirstIsStoredAndTheOthersAreRejectedAsOverlapping()
    {
        var store = new MemoryStudyStore();
        var zip = new ZipBuilder().Add("a.dcm", Slice).Build(repeatDirectory: 3);

        var outcome = await Uploads(store, new IngestLimitsOptions()).UploadAsync(Reader([("overlap.zip", zip)]), null, default);

        var response = Assert.IsType<UploadOutcome.Accepted>(outcome).Response;
        Assert.Single(response.Accepted);
        Assert.Equal(2, response.Rejected.Count);
        Assert.All(response.Rejected, rejected => Assert.Contains("overlaps", rejected.Reason));
        Assert.Single(store.Blobs);
    }

    [Fact]
    public async Task GivenSameIdempotencyKeyAndSameFilesTwice_WhenUploading_ThenTheSecondReplaysTheFirstWithoutStoring()
    {
        var store = new MemoryStudyStore();
        var service = Uploads(store, new IngestLimitsOptions());

        var first = Assert.IsType<UploadOutcome.Accepted>(await service.UploadAsync(Reader([("a.dcm", Slice)]), "key-1", default));
        var blobsAfterFirst = store.Blobs.Count;
        var second = Assert.IsType<UploadOutcome.Accepted>(await service.UploadAsync(Reader([("a.dcm", Slice)]), "key-1", default));

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Response.Id, second.Response.Id);
        Assert.Equal(blobsAfterFirst, store.Blobs.Count);
    }

    /// <summary>Issue 16: a different body under a used key was silently dropped (the first study returned); now 422.</summary>
    [Fact]
    public async Task GivenAUsedIdempotencyKey_WhenOtherFilesAreSentUnderIt_ThenKeyReusedAndNothingIsStored()
    {
        var store = new MemoryStudyStore();
        var service = Uploads(store, new IngestLimitsOptions());
        Assert.IsType<UploadOutcome.Accepted>(await service.UploadAsync(Reader([("a.dcm", Slice)]), "key-2", default));
        var blobsAfterFirst = store.Blobs.Count;

        var reused = await service.UploadAsync(Reader([("a.dcm", OtherSlice)]), "key-2", default);
        var renamed = await service.UploadAsync(Reader([("b.dcm", Slice)]), "key-2", default);

        Assert.IsType<UploadOutcome.KeyReused>(reused);
        Assert.IsType<UploadOutcome.KeyReused>(renamed);
        Assert.Equal(blobsAfterFirst, store.Blobs.Count);
    }

    [Fact]
    public async Task GivenDicomAndText_WhenUploading_ThenTheStoredBytesAreTheFileAndTheTextIsRejected()
    {
        var store = new MemoryStudyStore();

        var outcome = await Uploads(store, new IngestLimitsOptions { HeaderWindowBytes = 4096 })
            .UploadAsync(Reader([("a.dcm", Slice), ("b.txt", Encoding.UTF8.GetBytes("not an image"))]), null, default);

        var accepted = Assert.IsType<UploadOutcome.Accepted>(outcome).Response;
        Assert.Equal(Slice, Assert.Single(store.Blobs.Values));
        Assert.Equal(Slice.Length, Assert.Single(accepted.Accepted).Size);
        Assert.Equal("b.txt", Assert.Single(accepted.Rejected).File);
        Assert.Equal(IngestSources.Upload, Assert.Single(store.Records.Values).Source);
        Assert.Empty(store.Pending);
    }
}
