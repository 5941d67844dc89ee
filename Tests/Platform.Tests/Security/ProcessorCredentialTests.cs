using System.Net;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>The processor answers only the gateway's service credential; its health probes stay open for the orchestrator.</summary>
[Collection(ServicesCollection.Name)]
public sealed class ProcessorCredentialTests(ServicesAppFixture fixture)
{
    private const string UnknownStudy = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-service-key-at-all")]
    public async Task GivenNoOrAWrongServiceKey_WhenTheProcessorIsCalledDirectly_Then401Problem(string? key)
    {
        using var processor = fixture.App.CreateHttpClient(ResourceNames.Processor, "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/results/" + UnknownStudy);
        if (key is not null)
        {
            request.Headers.Add("X-Service-Key", key);
        }

        using var response = await processor.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task GivenNoServiceKey_WhenAJobIsPostedDirectly_Then401AndNothingIsQueued()
    {
        using var processor = fixture.App.CreateHttpClient(ResourceNames.Processor, "http");
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var id = Guid.NewGuid().ToString("N");

        using var response = await processor.PostAsync("/process", new StringContent($"{{\"id\":\"{id}\"}}", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Empty(await probe.ListAsync(StorageProbe.ResultsContainer, id));
    }

    [Fact]
    public async Task GivenTheServiceKey_WhenAnUnknownResultIsRead_ThenTheProcessorAnswers404()
    {
        using var processor = fixture.App.CreateHttpClient(ResourceNames.Processor, "http");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/results/" + UnknownStudy);
        request.Headers.Add("X-Service-Key", TestCredentials.ServiceKey);

        using var response = await processor.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task GivenNoServiceKey_WhenAHealthProbeIsRead_ThenItAnswers200(string path)
    {
        using var processor = fixture.App.CreateHttpClient(ResourceNames.Processor, "http");

        using var response = await processor.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
