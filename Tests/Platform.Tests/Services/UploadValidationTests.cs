using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>What the gateway refuses, and that a refused upload leaves nothing in storage.</summary>
[Collection(ServicesCollection.Name)]
public sealed class UploadValidationTests(ServicesAppFixture fixture)
{
    private static byte[] CtSlice(int index) => File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[index]);

    [Fact]
    public async Task GivenOnlyNonDicomFiles_WhenUploaded_Then400NotDicomListsEachFileAndNothingIsStored()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "studies/");
        using var form = Uploads.Of([
            ("notes.txt", Encoding.UTF8.GetBytes("This is a referral letter, not an image.")),
            ("empty.dcm", File.ReadAllBytes(CorpusFiles.PathOf("broken/derived/empty_file.dcm"))),
            ("not_dicom_text.dcm", File.ReadAllBytes(CorpusFiles.PathOf("broken/derived/not_dicom_text.dcm"))),
        ]);

        using var response = await gateway.PostAsync("/upload", form);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "not-dicom");
        var rejected = problem.GetProperty("rejected");
        Assert.Equal(3, rejected.GetArrayLength());
        Assert.Equal("notes.txt", rejected[0].GetProperty("file").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rejected[0].GetProperty("reason").GetString()));
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "studies/")).Except(before)); // the sweeper may remove older leftovers meanwhile
    }

    [Fact]
    public async Task GivenZipWithDicomTextAndEscapingEntry_WhenUploaded_ThenOnlyTheDicomEntriesAreAccepted()
    {
        using var gateway = fixture.CreateGatewayClient();
        var zip = Uploads.Zip([
            ("slices/a.dcm", CtSlice(0)),
            ("slices/b.dcm", CtSlice(1)),
            ("../escape.dcm", CtSlice(2)),
            ("readme.txt", Encoding.UTF8.GetBytes("hello")),
            ("slices/", []),
        ]);
        using var form = Uploads.Of([("study.zip", zip)]);

        using var response = await gateway.PostAsync("/upload", form);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = body.GetProperty("accepted").EnumerateArray().Select(a => a.GetProperty("file").GetString()!).ToArray();
        var rejected = body.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("file").GetString()!).ToArray();
        Assert.Equal(["study.zip/slices/a.dcm", "study.zip/slices/b.dcm"], accepted);
        Assert.Equal(["study.zip/../escape.dcm", "study.zip/readme.txt"], rejected);
    }

    [Fact]
    public async Task GivenZipBomb_WhenUploaded_Then413NamesTheCompressionRatioAndNothingIsStored()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "studies/");
        // A real slice first (it is stored, then must be cleaned up), then 3 MB of zeros that deflate ~1000:1.
        var zip = Uploads.Zip([("a.dcm", CtSlice(0)), ("bomb.dcm", new byte[3 << 20])]);
        using var form = Uploads.Of([("bomb.zip", zip)]);

        using var response = await gateway.PostAsync("/upload", form);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxCompressionRatio", problem.GetProperty("limit").GetString());
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "studies/")).Except(before)); // the sweeper may remove older leftovers meanwhile
    }

    [Fact]
    public async Task GivenMoreFilesThanAllowed_WhenUploaded_Then413NamesTheFileCount()
    {
        using var gateway = fixture.CreateGatewayClient();
        var slice = CtSlice(0);
        using var form = Uploads.Of(Enumerable.Range(0, ServicesAppFixture.MaxFileCount + 1).Select(i => ($"{i}.dcm", slice)));

        using var response = await gateway.PostAsync("/upload", form);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxFileCount", problem.GetProperty("limit").GetString());
    }

    [Fact]
    public async Task GivenFileLargerThanAllowed_WhenUploaded_Then413NamesTheFileSize()
    {
        using var gateway = fixture.CreateGatewayClient();
        var slice = CtSlice(0);
        var oversized = new byte[ServicesAppFixture.MaxFileSizeBytes + 1];
        slice.CopyTo(oversized, 0);
        using var form = Uploads.Of([("big.dcm", oversized)]);

        using var response = await gateway.PostAsync("/upload", form);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxFileSizeBytes", problem.GetProperty("limit").GetString());
    }

    [Fact]
    public async Task GivenJsonBody_WhenPostedToUpload_Then415Problem()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.PostAsync("/upload", new StringContent("{}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task GivenIdempotencyKey_WhenTheSameUploadIsRetried_ThenTheSameStudyIsReturnedAndStoredOnce()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var key = Guid.NewGuid().ToString();

        var first = await UploadWithKeyAsync(gateway, key);
        var retry = await UploadWithKeyAsync(gateway, key);
        var other = await UploadWithKeyAsync(gateway, Guid.NewGuid().ToString());

        Assert.Equal(first.GetProperty("id").GetString(), retry.GetProperty("id").GetString());
        Assert.Equal(first.GetRawText(), retry.GetRawText());
        Assert.NotEqual(first.GetProperty("id").GetString(), other.GetProperty("id").GetString());
        Assert.Single(await probe.ListAsync(StorageProbe.DicomContainer, $"studies/{first.GetProperty("id").GetString()}/instances/"));
    }

    private static async Task<JsonElement> UploadWithKeyAsync(HttpClient gateway, string key)
    {
        using var form = Uploads.Of([("a.dcm", CtSlice(5))]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = form };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
