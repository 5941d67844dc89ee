using System.Net;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Dicom.Pixels;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.DicomWeb;

/// <summary>
/// STOW-RS, QIDO-RS and WADO-RS through the running gateway, on a study of our own (the GE head CT in JPEG-LS lossless
/// with fresh UIDs and a known patient), stored once for the class.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class DicomWebTests(ServicesAppFixture fixture)
{
    private static readonly SemaphoreSlim StoreOnce = new(1, 1);
    private static TestStudy? _stored;

    private async Task<TestStudy> StoredStudyAsync()
    {
        await StoreOnce.WaitAsync();
        try
        {
            if (_stored is null)
            {
                var study = TestStudy.From(TestStudy.GeSeriesJpegLs, "Doe^Jane", "PID-DW-1", "20240115", "ACC7123");
                using var gateway = fixture.CreateGatewayClient();
                using var response = await DicomWebClient.StowAsync(gateway, study.Instances.Select(instance => instance.Bytes), study.StudyInstanceUid);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"STOW-RS answered {(int)response.StatusCode}: {body}");
                _stored = study;
            }

            return _stored;
        }
        finally
        {
            StoreOnce.Release();
        }
    }

    [Fact]
    public async Task GivenAStudy_WhenStoredWithStow_ThenTheResponseReferencesEveryInstanceWithItsRetrieveUrl()
    {
        var study = TestStudy.From(TestStudy.GeSeriesJpegLs, "Roe^Richard", "PID-DW-2", "20240301", "ACC-2", take: 3);
        using var gateway = fixture.CreateGatewayClient();

        using var response = await DicomWebClient.StowAsync(gateway, study.Instances.Select(instance => instance.Bytes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith($"/dicom-web/studies/{study.StudyInstanceUid}", DicomWebClient.Value(body, "00081190"));
        Assert.False(body.TryGetProperty("00081198", out _), "No Failed SOP Sequence when everything was stored.");
        var referenced = body.GetProperty("00081199").GetProperty("Value").EnumerateArray().ToList();
        Assert.Equal(study.Instances.Select(instance => instance.SopInstanceUid).Order(), referenced.Select(item => DicomWebClient.Value(item, "00081155")).Order());
        Assert.All(referenced, item => Assert.Contains("/instances/", DicomWebClient.Value(item, "00081190")));
        Assert.All(referenced, item => Assert.Equal("1.2.840.10008.5.1.4.1.1.2", DicomWebClient.Value(item, "00081150")));
    }

    [Fact]
    public async Task GivenAStoredStudy_WhenSearchedAtEachLevel_ThenCountsAndAttributesComeFromTheIndex()
    {
        var study = await StoredStudyAsync();
        using var gateway = fixture.CreateGatewayClient();

        var studies = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies?StudyInstanceUID={study.StudyInstanceUid}");
        var seriesOfStudy = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies/{study.StudyInstanceUid}/series");
        var instances = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies/{study.StudyInstanceUid}/series/{study.SeriesInstanceUid}/instances");

        var found = Assert.Single(studies.EnumerateArray());
        Assert.Equal("Doe^Jane", DicomWebClient.Value(found, "00100010"));
        Assert.Equal("PID-DW-1", DicomWebClient.Value(found, "00100020"));
        Assert.Equal("20240115", DicomWebClient.Value(found, "00080020"));
        Assert.Equal("CT", DicomWebClient.Value(found, "00080061"));
        Assert.Equal("1", DicomWebClient.Value(found, "00201206"));
        Assert.Equal("28", DicomWebClient.Value(found, "00201208"));
        Assert.EndsWith($"/dicom-web/studies/{study.StudyInstanceUid}", DicomWebClient.Value(found, "00081190"));
        var series = Assert.Single(seriesOfStudy.EnumerateArray());
        Assert.Equal(study.SeriesInstanceUid, DicomWebClient.Value(series, "0020000E"));
        Assert.Equal("28", DicomWebClient.Value(series, "00201209"));
        Assert.Equal(28, instances.GetArrayLength());
        Assert.All(instances.EnumerateArray(), instance => Assert.Equal("512", DicomWebClient.Value(instance, "00280010")));
    }

    [Theory]
    [InlineData("PatientName=doe%5Ej*", 1)]          // wildcard, case-insensitive (PN)
    [InlineData("PatientName=DOE%5EJANE", 1)]        // single value, case-insensitive
    [InlineData("PatientName=Doe%5EJ?n", 0)]         // ? is exactly one character
    [InlineData("StudyDate=20240101-20240131", 1)]   // date range
    [InlineData("StudyDate=20240116-", 0)]
    [InlineData("StudyDate=-20240115", 1)]
    [InlineData("StudyTime=1000-1030", 1)]           // time range, minutes precision
    [InlineData("AccessionNumber=ACC?123", 1)]
    [InlineData("ModalitiesInStudy=MR,CT", 1)]
    [InlineData("PatientID=PID-DW-X", 0)]
    public async Task GivenAStoredStudy_WhenSearchedWithMatchingKeys_ThenOnlyMatchesAreReturned(string query, int expected)
    {
        var study = await StoredStudyAsync();
        using var gateway = fixture.CreateGatewayClient();

        var results = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies?StudyInstanceUID=1.2.3,{study.StudyInstanceUid}&{query}");

        Assert.Equal(expected, results.GetArrayLength());
    }

    [Fact]
    public async Task GivenIncludeFieldAndPaging_WhenSearching_ThenExtraAttributesComeBackAndPagesAreCut()
    {
        var study = await StoredStudyAsync();
        using var gateway = fixture.CreateGatewayClient();
        var root = $"/dicom-web/studies/{study.StudyInstanceUid}/series/{study.SeriesInstanceUid}/instances";

        var all = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies?StudyInstanceUID={study.StudyInstanceUid}&includefield=all");
        var fromHeader = await DicomWebClient.GetJsonAsync(gateway, $"{root}?includefield=00180050&includefield=KVP&limit=1");
        var page = await DicomWebClient.GetJsonAsync(gateway, $"{root}?limit=10&offset=20");
        using var truncated = await gateway.GetAsync($"{root}?limit=5");
        var topLevelSeries = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/series?PatientID=PID-DW-1&SeriesInstanceUID={study.SeriesInstanceUid}");

        Assert.True(all[0].TryGetProperty("00081030", out _), "includefield=all adds Study Description.");
        Assert.True(all[0].TryGetProperty("00100030", out _), "includefield=all keeps the defaults (Patient's Birth Date).");
        Assert.NotNull(DicomWebClient.Value(fromHeader[0], "00180050")); // Slice Thickness: from the stored header
        Assert.NotNull(DicomWebClient.Value(fromHeader[0], "00180060")); // KVP by keyword
        Assert.Equal(8, page.GetArrayLength());
        Assert.Contains(truncated.Headers.GetValues("Warning"), warning => warning.StartsWith("299 ", StringComparison.Ordinal) && warning.Contains("additional results"));
        Assert.Equal("PID-DW-1", DicomWebClient.Value(Assert.Single(topLevelSeries.EnumerateArray()), "00100020"));
    }

    [Fact]
    public async Task GivenAStoredStudy_WhenMetadataIsRetrieved_ThenEveryInstanceHasItsAttributesAndAPixelDataBulkDataUri()
    {
        var study = await StoredStudyAsync();
        using var gateway = fixture.CreateGatewayClient();

        var metadata = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies/{study.StudyInstanceUid}/metadata");

        Assert.Equal(28, metadata.GetArrayLength());
        foreach (var instance in metadata.EnumerateArray())
        {
            Assert.Equal("Doe^Jane", DicomWebClient.Value(instance, "00100010"));
            var pixelData = instance.GetProperty("7FE00010");
            Assert.Equal("OB", pixelData.GetProperty("vr").GetString());
            var uri = pixelData.GetProperty("BulkDataURI").GetString()!;
            Assert.Contains($"/instances/{DicomWebClient.Value(instance, "00080018")}/bulkdata/7FE00010", uri);
        }

        var bulk = metadata[0].GetProperty("7FE00010").GetProperty("BulkDataURI").GetString()!;
        using var bulkResponse = await gateway.GetAsync(new Uri(bulk).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, bulkResponse.StatusCode);
        Assert.Single(await DicomWebClient.ReadPartsAsync(bulkResponse));
    }

    [Fact]
    public async Task GivenAJpegLsInstance_WhenFramesAreRetrieved_ThenDecodedBytesEqualOurDecoderAndStoredBytesEqualTheFile()
    {
        var study = await StoredStudyAsync();
        var instance = study.Instances[5];
        var source = DicomReader.Read(instance.Bytes);
        using var gateway = fixture.CreateGatewayClient();
        var path = $"/dicom-web/studies/{study.StudyInstanceUid}/series/{study.SeriesInstanceUid}/instances/{instance.SopInstanceUid}/frames/1";

        using var decoded = await SendAsync(gateway, path, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.1");
        using var stored = await SendAsync(gateway, path, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");

        var expected = new byte[512 * 512 * 2];
        PixelDataDecoder.DecodeFrame(source, 0, expected);
        var decodedPart = Assert.Single(await DicomWebClient.ReadPartsAsync(decoded));
        Assert.Equal(expected, decodedPart.Body);
        var storedPart = Assert.Single(await DicomWebClient.ReadPartsAsync(stored));
        Assert.StartsWith("image/jls", storedPart.ContentType);
        Assert.Equal(StoredFrames.Frame(source, 0), storedPart.Body);
    }

    [Fact]
    public async Task GivenAStoredStudy_WhenInstancesAreRetrieved_ThenAsStoredTheyAreTheSentBytesAndByDefaultExplicitLittleEndian()
    {
        var study = await StoredStudyAsync();
        using var gateway = fixture.CreateGatewayClient();
        var instance = study.Instances[0];

        using var asStored = await SendAsync(gateway,
            $"/dicom-web/studies/{study.StudyInstanceUid}/series/{study.SeriesInstanceUid}/instances/{instance.SopInstanceUid}",
            "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        using var whole = await SendAsync(gateway, $"/dicom-web/studies/{study.StudyInstanceUid}", "multipart/related; type=\"application/dicom\"");

        Assert.Equal(instance.Bytes, Assert.Single(await DicomWebClient.ReadPartsAsync(asStored)).Body);
        var parts = await DicomWebClient.ReadPartsAsync(whole);
        Assert.Equal(28, parts.Count);
        var first = DicomReader.Read(parts.Single(part => DicomReader.Read(part.Body).Dataset.GetString(DicomTags.SopInstanceUid) == instance.SopInstanceUid).Body);
        Assert.Equal(TransferSyntax.ExplicitVrLittleEndian, first.TransferSyntax);
        Assert.Equal(PixelDataDecoder.Decode(DicomReader.Read(instance.Bytes)).Bytes, PixelDataDecoder.Decode(first).Bytes);
    }

    [Theory]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    public async Task GivenAnInstance_WhenRenderedWithAWindow_ThenTheImageIsOfTheAcceptedType(string accept, byte[] signature)
    {
        var study = await StoredStudyAsync();
        using var gateway = fixture.CreateGatewayClient();
        var instance = study.Instances[10];

        using var response = await SendAsync(gateway,
            $"/dicom-web/studies/{study.StudyInstanceUid}/series/{study.SeriesInstanceUid}/instances/{instance.SopInstanceUid}/rendered?window=40,80,linear&quality=80",
            accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(signature, (await response.Content.ReadAsByteArrayAsync())[..signature.Length]);
    }

    [Fact]
    public async Task GivenNoCredentialOrOnlyTheReviewerRole_WhenUsingDicomWeb_ThenReadsNeedReviewerAndStowNeedsUploader()
    {
        var study = await StoredStudyAsync();
        using var anonymous = fixture.CreateAnonymousGatewayClient();

        using var unauthenticated = await anonymous.GetAsync("/dicom-web/studies");
        using var reviewerStow = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/dicom-web/studies")
        {
            Content = DicomWebClient.StowBody([study.Instances[0].Bytes]),
        }.WithApiKey(TestCredentials.ReviewerKey));
        using var reviewerRead = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dicom-web/studies?limit=1").WithApiKey(TestCredentials.ReviewerKey));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerStow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reviewerRead.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient gateway, string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await gateway.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"GET {path} ({accept}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
