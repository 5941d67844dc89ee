using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 7.4: hostile uploads, each with its status and nothing left in storage afterwards. The zip bomb, non-DICOM
/// files, per-file size and file count are in Services/UploadValidationTests; these are the rest.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class HostileUploadTests(ServicesAppFixture fixture)
{
    private static byte[] CtSlice(int index) => File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[index]);

    [Fact]
    public async Task GivenABodyLargerThanTheTotalLimit_WhenUploaded_Then413NamesMaxTotalBytesAndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();
        var part = new byte[ServicesAppFixture.MaxFileSizeBytes - 4096];
        var count = (int)(ServicesAppFixture.MaxTotalBytes / part.Length) + 1;
        IEnumerable<(string, byte[])> parts = [("real.dcm", CtSlice(0)), .. Enumerable.Range(0, count).Select(i => ($"junk{i}.bin", part))];

        using var response = await PostAsync(Uploads.Of(parts));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxTotalBytes", problem.GetProperty("limit").GetString());
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenAZipWhoseOnlyDicomEntriesEscapeTheArchive_WhenUploaded_Then400AndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();
        var zip = Uploads.Zip([("../../outside.dcm", CtSlice(0)), ("/etc/absolute.dcm", CtSlice(1)), ("C:\\windows\\drive.dcm", CtSlice(2))]);

        using var response = await PostAsync(Uploads.Of([("slip.zip", zip)]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "not-dicom");
        Assert.Equal(3, problem.GetProperty("rejected").GetArrayLength());
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenMultipartFileNamesWithParentSegments_WhenUploaded_ThenOnlyTheLastSegmentIsKeptAndBlobsStayInTheStudy()
    {
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        using var gateway = fixture.CreateGatewayClient();

        using var response = await PostAsync(Uploads.Of([("../../../../etc/passwd.dcm", CtSlice(0)), ("..\\..\\boot.ini.dcm", CtSlice(1))]));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(["passwd.dcm", "boot.ini.dcm"], body.GetProperty("accepted").EnumerateArray().Select(a => a.GetProperty("file").GetString()));
        var blobs = await probe.ListAsync(StorageProbe.DicomContainer, "");
        Assert.DoesNotContain(blobs, name => name.Contains("..") || name.Contains("passwd") || name.Contains("boot.ini"));
        Assert.Equal(2, (await probe.ListAsync(StorageProbe.DicomContainer, $"studies/{id}/instances/")).Count);
        using var delete = await gateway.DeleteAsync($"/results/{id}");
    }

    [Fact]
    public async Task GivenMultipartFileNamesWithParentSegmentsAndNoDicom_WhenUploaded_Then400EchoesOnlyTheLastSegmentAndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();

        using var response = await PostAsync(Uploads.Of([("../../../../etc/passwd", Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh\n"))]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "not-dicom");
        Assert.Equal("passwd", problem.GetProperty("rejected")[0].GetProperty("file").GetString());
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenDicomWithAnAbsurdElementLength_WhenUploaded_Then400NotDicomAndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();

        using var response = await PostAsync(Uploads.Of([("absurd.dcm", HostileDicom.WithAbsurdLength())]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "not-dicom");
        Assert.Equal("absurd.dcm", problem.GetProperty("rejected")[0].GetProperty("file").GetString());
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenDicomWithSequencesNestedTwoHundredDeep_WhenUploaded_Then400NotDicomAndTheGatewayStaysUp()
    {
        var stored = await StoredSnapshotAsync();
        using var gateway = fixture.CreateGatewayClient();

        using var response = await PostAsync(Uploads.Of([("nested.dcm", HostileDicom.WithNestedSequences(200))]));
        using var health = await gateway.GetAsync("/health");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "not-dicom");
        Assert.Contains("nest", problem.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenTenThousandTinyDicomFiles_WhenUploaded_Then413NamesMaxFileCountAndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();
        var tiny = HostileDicom.Tiny();

        using var response = await PostAsync(Uploads.Of(Enumerable.Range(0, 10_000).Select(i => ($"{i}.dcm", tiny))));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxFileCount", problem.GetProperty("limit").GetString());
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenAZipOfTenThousandTinyFiles_WhenUploaded_Then413NamesMaxZipEntriesAndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();
        var tiny = HostileDicom.Tiny();
        var zip = Uploads.Zip(Enumerable.Range(0, 10_000).Select(i => ($"{i}.dcm", tiny)));

        using var response = await PostAsync(Uploads.Of([("many.zip", zip)]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxZipEntries", problem.GetProperty("limit").GetString());
        await AssertNothingNewStoredAsync(stored);
    }

    [Fact]
    public async Task GivenASlowDripUpload_WhenTheBodyArrivesBelowTheMinimumRate_ThenTheGatewayEndsItAndNothingIsStored()
    {
        var stored = await StoredSnapshotAsync();
        using var gateway = fixture.CreateGatewayClient();
        var content = new SlowDripContent(CtSlice(0), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(45));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={SlowDripContent.Boundary}");
        var started = DateTime.UtcNow;

        HttpStatusCode? status = null;
        try
        {
            using var response = await gateway.PostAsync("/upload", content);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The connection was closed: an accepted outcome for a stalled body.
        }

        var elapsed = DateTime.UtcNow - started;
        Assert.True(status is null or HttpStatusCode.RequestTimeout or HttpStatusCode.BadRequest,
            $"A stalled upload must be ended with 408/400 or a closed connection, not {status}.");
        Assert.True(elapsed < TimeSpan.FromSeconds(40), $"The gateway waited {elapsed} for a body trickling at 5 bytes/s.");
        await AssertNothingNewStoredAsync(stored);
    }

    private async Task<HttpResponseMessage> PostAsync(MultipartFormDataContent form)
    {
        using var gateway = fixture.CreateGatewayClient();
        using (form)
        {
            return await gateway.PostAsync("/upload", form);
        }
    }

    private async Task<IReadOnlyList<string>> StoredSnapshotAsync() =>
        await new StorageProbe(await fixture.GetStorageConnectionStringAsync()).ListAsync(StorageProbe.DicomContainer, "");

    /// <summary>Nothing of the refused upload remains: every blob now was there before (other tests may remove theirs).</summary>
    private async Task AssertNothingNewStoredAsync(IReadOnlyList<string> before)
    {
        var now = await new StorageProbe(await fixture.GetStorageConnectionStringAsync()).ListAsync(StorageProbe.DicomContainer, "");
        Assert.Empty(now.Except(before));
    }
}
