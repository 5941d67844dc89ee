using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: three RLE slices declaring 8192×8192 (6.3 MB) were stored, processed and drove the processor from 0.5 to
/// 3.7 GB; 46341² and 65535² slices were stored and failed after three attempts as "Unexpected OverflowException".
/// The pixel budget refuses them from the header: at the gateway (413 naming the limit, nothing stored) and, for a
/// study written past the gateway, in the processor (failed at the first attempt, with the limit in words).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class PixelBudgetTests(ServicesAppFixture fixture)
{
    public static TheoryData<int, int, string> Attacks => new()
    {
        { 8192, 3, "MaxFramePixels" },
        { 46341, 1, "MaxFramePixels" },
        { 65535, 1, "MaxFramePixels" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task GivenSlicesDeclaringHugeFrames_WhenUploaded_Then413NamesTheLimitAndNothingIsStored(int size, int slices, string limit)
    {
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "");
        var (study, series) = (HostileDicom.NewUid(), HostileDicom.NewUid());
        var files = Enumerable.Range(0, slices).Select(i => ($"huge{i}.dcm",
            size <= 8192 ? HugeImages.RleSlice(size, study, series, i) : HugeImages.DeclaredOnly(size, size, study, series, i))).ToArray();
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.PostAsync("/upload", Uploads.Of(files));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.Contains($"{size}×{size}", problem.GetProperty("detail").GetString());
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "")).Except(before));
    }

    [Fact]
    public async Task GivenAStudyOfHugeRleSlicesStoredPastTheGateway_WhenTheProcessorRunsIt_ThenItFailsAtTheFirstAttemptNamingTheBudget()
    {
        var id = Guid.NewGuid().ToString("N");
        var (study, series) = (HostileDicom.NewUid(), HostileDicom.NewUid());
        var container = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync()).GetBlobContainerClient(StorageProbe.DicomContainer);
        for (var i = 0; i < 3; i++)
        {
            await container.UploadBlobAsync($"studies/{id}/instances/{i + 1:D6}.dcm", BinaryData.FromBytes(HugeImages.RleSlice(8192, study, series, i)));
        }

        using var processor = fixture.App.CreateHttpClient(ResourceNames.Processor, "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/process") { Content = JsonContent.Create(new { id }) };
        request.Headers.Add("X-Service-Key", TestCredentials.ServiceKey);
        using var queued = await processor.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        using var gateway = fixture.CreateGatewayClient();

        var (result, _) = await ResultPolling.WaitForStatusAsync(gateway, id, TimeSpan.FromMinutes(2), "failed");

        Assert.Equal(1, result.GetProperty("attempts").GetInt32());
        var reason = result.GetProperty("failureReason").GetString();
        Assert.Contains("PixelBudget:MaxFramePixels", reason);
        Assert.Contains("8192×8192", reason);
        using var delete = await gateway.DeleteAsync($"/results/{id}");
    }
}
