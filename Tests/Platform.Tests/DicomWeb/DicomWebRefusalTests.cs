using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.DicomWeb;

/// <summary>The negative cases of issue 18 §5, each answered as PS3.18 says, with nothing stored by a refused request.</summary>
[Collection(ServicesCollection.Name)]
public sealed class DicomWebRefusalTests(ServicesAppFixture fixture)
{
    private const ushort CannotUnderstand = 0xC000;
    private const ushort StudyMismatch = 0xA900;

    [Fact]
    public async Task GivenAStowPartThatIsNotDicom_WhenStored_ThenNothingIsStoredAnd409ListsTheFailureC000()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await DicomWebClient.StowAsync(gateway, [Encoding.ASCII.GetBytes("not a DICOM file")]);

        var failed = await FailedItemsAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(CannotUnderstand, ReasonOf(Assert.Single(failed)));
    }

    [Fact]
    public async Task GivenAPartOfAnotherStudy_WhenStoredToAStudyUrl_ThenItFailsA900AndTheOthersAreStoredWith202()
    {
        var study = TestStudy.From(TestStudy.GeSeriesJpegLs, "Mismatch^Test", "PID-MM", "20240201", "ACC-MM", take: 2);
        var stranger = TestStudy.From(TestStudy.GeSeriesJpegLs, "Other^Study", "PID-OS", "20240201", "ACC-OS", take: 1);
        using var gateway = fixture.CreateGatewayClient();

        using var mixed = await DicomWebClient.StowAsync(gateway, [study.Instances[0].Bytes, stranger.Instances[0].Bytes], study.StudyInstanceUid);
        using var onlyStranger = await DicomWebClient.StowAsync(gateway, [stranger.Instances[0].Bytes], study.StudyInstanceUid);

        var mixedBody = JsonDocument.Parse(await mixed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, mixed.StatusCode);
        Assert.Equal(study.Instances[0].SopInstanceUid, DicomWebClient.Value(mixedBody.GetProperty("00081199").GetProperty("Value")[0], "00081155"));
        var failedItem = mixedBody.GetProperty("00081198").GetProperty("Value")[0];
        Assert.Equal(stranger.Instances[0].SopInstanceUid, DicomWebClient.Value(failedItem, "00081155"));
        Assert.Equal(StudyMismatch, ReasonOf(failedItem));
        Assert.Equal(StudyMismatch, ReasonOf(Assert.Single(await FailedItemsAsync(onlyStranger, HttpStatusCode.Conflict))));
        var strangerSearch = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies?StudyInstanceUID={stranger.StudyInstanceUid}");
        Assert.Equal(0, strangerSearch.GetArrayLength());
    }

    [Theory]
    [InlineData("multipart/related; type=\"application/dicom+json\"; boundary=b")]
    [InlineData("multipart/related; boundary=b")]
    [InlineData("application/dicom")]
    [InlineData("multipart/form-data; boundary=b")]
    public async Task GivenAWrongContentType_WhenStoring_Then415(string contentType)
    {
        using var gateway = fixture.CreateGatewayClient();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Type: application/dicom\r\n\r\nx\r\n--b--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await gateway.PostAsync("/dicom-web/studies", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "dicomweb-unsupported-media-type");
    }

    [Theory]
    [InlineData("/dicom-web/studies?NoSuchAttribute=1")]
    [InlineData("/dicom-web/studies?StudyDate=2024-01-01")]
    [InlineData("/dicom-web/studies?StudyDate=20240132")]
    [InlineData("/dicom-web/studies?StudyDate=20240201-20240101")]
    [InlineData("/dicom-web/series?SeriesNumber=one")]
    [InlineData("/dicom-web/instances?SOPInstanceUID=1.2.x")]
    [InlineData("/dicom-web/studies?limit=0")]
    [InlineData("/dicom-web/studies?includefield=NoSuchKeyword")]
    public async Task GivenAMalformedQuery_WhenSearching_Then400NamesTheProblem(string path)
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync(path);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "dicomweb-bad-query");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task GivenASequenceMatchingKey_WhenSearching_ThenItIsIgnoredWithAWarning()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync("/dicom-web/studies?00400275.00401001=X&limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Warning"), warning => warning.Contains("00400275.00401001", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/dicom-web/studies/1.2.3.999")]
    [InlineData("/dicom-web/studies/1.2.3.999/metadata")]
    [InlineData("/dicom-web/studies/1.2.3.999/series/1.2.3.998")]
    [InlineData("/dicom-web/studies/1.2.3.999/series/1.2.3.998/instances/1.2.3.997/frames/1")]
    [InlineData("/dicom-web/studies/1.2.3.999/series/1.2.3.998/instances/1.2.3.997/rendered")]
    public async Task GivenAnUnknownUid_WhenRetrieving_Then404(string path)
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "dicomweb-not-found");
    }

    [Theory]
    [InlineData("/dicom-web/studies", "multipart/related; type=\"application/dicom+xml\"")]
    [InlineData("/dicom-web/studies/1.2.3/metadata", "image/png")]
    [InlineData("/dicom-web/studies/1.2.3", "multipart/related; type=\"image/jpeg\"")]
    [InlineData("/dicom-web/studies/1.2.3/series/1.2.4/instances/1.2.5/rendered", "image/gif")]
    public async Task GivenAnAcceptWeCannotServe_WhenRequesting_Then406(string path, string accept)
    {
        using var gateway = fixture.CreateGatewayClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await gateway.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotAcceptable, "not-acceptable");
    }

    [Fact]
    public async Task GivenABrowserPreflightFromAnUnlistedOrigin_WhenAsked_ThenNoCorsHeadersAreGranted()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var request = new HttpRequestMessage(HttpMethod.Options, "/dicom-web/studies");
        request.Headers.Add("Origin", "https://unlisted.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await gateway.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task GivenAPreflightFromTheConfiguredViewerOrigin_WhenAsked_ThenItIsGrantedWithoutACredential()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var request = new HttpRequestMessage(HttpMethod.Options, "/dicom-web/studies");
        request.Headers.Add("Origin", ServicesAppFixture.AllowedViewerOrigin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        using var response = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ServicesAppFixture.AllowedViewerOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private static async Task<List<JsonElement>> FailedItemsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(new MediaTypeHeaderValue("application/dicom+json").MediaType, response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(body).RootElement.Clone();
        Assert.False(root.TryGetProperty("00081199", out _), "Nothing was stored, so no Referenced SOP Sequence.");
        return [.. root.GetProperty("00081198").GetProperty("Value").EnumerateArray()];
    }

    private static ushort ReasonOf(JsonElement failedItem) =>
        (ushort)failedItem.GetProperty("00081197").GetProperty("Value")[0].GetInt32();
}
