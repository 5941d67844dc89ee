using System.Net;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: zip entries were never checked against their CRC-32 (a corrupted entry was stored and scored
/// "completed"), an entry declaring fewer bytes than it holds was silently truncated, and a central directory of two
/// million entries was read whole into memory before the 413. Now every entry is held to its header and the entry
/// cap is enforced from the end record and while the directory is read (Units/ZipCentralDirectoryTests bounds the
/// bytes read; bench/README.md gives the gateway's memory).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ZipIntegrityTests(ServicesAppFixture fixture)
{
    private static byte[] CtSlice(int index) => File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[index]);

    [Fact]
    public async Task GivenACorruptedEntryAndAnEntryLongerThanDeclared_WhenUploaded_ThenBothAreRejectedWithReasonsAndTheRestIsStored()
    {
        var zip = new ZipBuilder()
            .Add("good-1.dcm", CtSlice(0))
            .Add("corrupt.dcm", CtSlice(1), corrupt: true)
            .Add("longer.dcm", CtSlice(2), deflate: true, declaredSize: CtSlice(2).Length - 1000)
            .Add("good-2.dcm", CtSlice(3), deflate: true)
            .Build();
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.PostAsync("/upload", Uploads.Of([("study.zip", zip)]));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["study.zip/good-1.dcm", "study.zip/good-2.dcm"],
            body.GetProperty("accepted").EnumerateArray().Select(a => a.GetProperty("file").GetString()));
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("file").GetString()!, r => r.GetProperty("reason").GetString()!);
        Assert.Contains("CRC-32", rejected["study.zip/corrupt.dcm"]);
        Assert.Contains("more data than", rejected["study.zip/longer.dcm"]);
        var id = body.GetProperty("id").GetString()!;
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var stored = await probe.ReadAllAsync(StorageProbe.DicomContainer, $"studies/{id}/instances/");
        Assert.Equal([CtSlice(0), CtSlice(3)], stored);
        using var delete = await gateway.DeleteAsync($"/results/{id}");
    }

    [Fact]
    public async Task GivenAnEndRecordClaimingTwoMillionEntries_WhenUploaded_Then413MaxZipEntriesAndNothingIsStored()
    {
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "");
        var zip = new ZipBuilder().Add("a.dcm", CtSlice(0)).Build(declaredEntries: 2_000_000);
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.PostAsync("/upload", Uploads.Of([("claims.zip", zip)]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxZipEntries", problem.GetProperty("limit").GetString());
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "")).Except(before));
    }

    [Fact]
    public async Task GivenADirectoryOfThirtyThousandRecordsUnderAnEndRecordClaimingOne_WhenUploaded_Then413MaxZipEntriesAndNothingIsStored()
    {
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "");
        var zip = new ZipBuilder().Add("a.dcm", CtSlice(0)).Build(repeatDirectory: 30_000, declaredEntries: 1);
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.PostAsync("/upload", Uploads.Of([("lies.zip", zip)]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxZipEntries", problem.GetProperty("limit").GetString());
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "")).Except(before));
    }
}
