using System.Security.Cryptography;
using HeadCt.Dicom;
using HeadCt.Dicom.Pixels;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.DicomWeb.Interop;

/// <summary>
/// dicomweb-client from npm (the client OHIF is built on) against our /dicom-web: it stores, searches, reads the
/// metadata and the frames of a JPEG-LS study, and the frames it receives are our decoder's output byte for byte.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class DicomWebClientInteropTests(ServicesAppFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "headct-dicomweb-client-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GivenAJpegLsStudy_WhenDicomWebClientStoresSearchesAndRetrieves_ThenItSeesTheStudyAndOurDecodedFrames()
    {
        var study = TestStudy.From(TestStudy.GeSeriesJpegLs, "Client^Check", "PID-JS", "20240310", "ACC-JS", take: 4);
        var toStore = TestStudy.From(CorpusFiles.GeHeadSeries, "Client^Stored", "PID-JS-2", "20240311", "ACC-JS-2", take: 1);
        using var gateway = fixture.CreateGatewayClient();
        using (var stored = await DicomWebClient.StowAsync(gateway, study.Instances.Select(instance => instance.Bytes)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, stored.StatusCode);
        }

        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "store.dcm");
        await File.WriteAllBytesAsync(file, toStore.Instances[0].Bytes);
        var root = new Uri(fixture.App.GetEndpoint(ResourceNames.Gateway, "http"), "/dicom-web").ToString();

        var seen = await NodeDicomWebClient.RunAsync(root, TestCredentials.DevApiKey, study.StudyInstanceUid, file);

        Assert.Equal(1, seen.GetProperty("studies").GetInt32());
        Assert.Equal("Client^Check", seen.GetProperty("patientName").GetString());
        Assert.Equal(1, seen.GetProperty("series").GetInt32());
        Assert.Equal(4, seen.GetProperty("instances").GetInt32());
        Assert.True(seen.GetProperty("pixelDataBulkDataUri").GetBoolean());
        foreach (var instance in study.Instances)
        {
            var expected = new byte[512 * 512 * 2];
            PixelDataDecoder.DecodeFrame(DicomReader.Read(instance.Bytes), 0, expected);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), seen.GetProperty("frames").GetProperty(instance.SopInstanceUid).GetString());
        }

        var storedByClient = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies?StudyInstanceUID={toStore.StudyInstanceUid}");
        Assert.Equal("Client^Stored", DicomWebClient.Value(Assert.Single(storedByClient.EnumerateArray()), "00100010"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
