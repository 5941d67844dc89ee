using HeadCt.Platform.Tests.Infrastructure;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>
/// How LocalServices:Mode shapes the app model. Only the model is built here (nothing starts), so the
/// container variant is checked on machines without a container engine too.
/// </summary>
public sealed class LocalServicesModeTests : IDisposable
{
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "headct-platform-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GivenModeContainers_WhenTheModelIsBuilt_ThenStorageIsTheAzuriteImageAndCacheARedisImage()
    {
        await using var builder = await CreateModelAsync("LocalServices:Mode=containers");

        var storage = Assert.IsAssignableFrom<ContainerResource>(Find(builder, ResourceNames.Storage));
        var cache = Assert.IsAssignableFrom<ContainerResource>(Find(builder, ResourceNames.Cache));

        var storageImage = Assert.Single(storage.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal("mcr.microsoft.com", storageImage.Registry);
        Assert.Equal("azure-storage/azurite", storageImage.Image);
        Assert.Equal([10000, 10001], TargetPorts(storage));
        Assert.Contains("redis", Assert.Single(cache.Annotations.OfType<ContainerImageAnnotation>()).Image);
        var postgres = Assert.IsAssignableFrom<ContainerResource>(Find(builder, ResourceNames.Postgres));
        Assert.Contains("postgres", Assert.Single(postgres.Annotations.OfType<ContainerImageAnnotation>()).Image);
    }

    [Fact]
    public async Task GivenModeExecutables_WhenTheModelIsBuilt_ThenStorageRunsOnNodeAndCacheOnRedisServer()
    {
        await using var builder = await CreateModelAsync("LocalServices:Mode=executables", "LocalServices:CacheServer=redis-server");

        var storage = Assert.IsAssignableFrom<ExecutableResource>(Find(builder, ResourceNames.Storage));
        var cache = Assert.IsAssignableFrom<ExecutableResource>(Find(builder, ResourceNames.Cache));

        Assert.Equal("node", storage.Command);
        Assert.Equal("redis-server", Path.GetFileName(cache.Command));
        var postgres = Assert.IsAssignableFrom<ExecutableResource>(Find(builder, ResourceNames.Postgres));
        // As root the server runs as the postgres user through runuser; otherwise it is the postgres program itself.
        Assert.Contains(Path.GetFileName(postgres.Command), (string[])["runuser", "postgres"]);
        Assert.DoesNotContain(builder.Resources, resource => resource is ContainerResource);
    }

    [Theory]
    [InlineData("storage")]
    [InlineData("cache")]
    [InlineData("index")]
    public async Task GivenAnyMode_WhenTheModelIsBuilt_ThenTheResourceOffersAConnectionString(string resourceName)
    {
        foreach (var mode in (string[])["containers", "executables"])
        {
            await using var builder = await CreateModelAsync($"LocalServices:Mode={mode}");

            Assert.IsAssignableFrom<IResourceWithConnectionString>(Find(builder, resourceName));
        }
    }

    [Fact]
    public async Task GivenAnUnknownMode_WhenTheAppHostIsCreated_ThenItFailsNamingTheSetting()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => CreateModelAsync("LocalServices:Mode=kubernetes"));

        Assert.Contains("LocalServices:Mode", FlattenMessages(exception));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task<IDistributedApplicationTestingBuilder> CreateModelAsync(params string[] arguments) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"LocalServices:DataDirectory={_dataDirectory}", .. arguments]);

    private static IResource Find(IDistributedApplicationTestingBuilder builder, string name) =>
        Assert.Single(builder.Resources, resource => resource.Name == name);

    private static int?[] TargetPorts(IResource resource) =>
        [.. resource.Annotations.OfType<EndpointAnnotation>().Select(endpoint => endpoint.TargetPort)];

    private static string FlattenMessages(Exception exception) =>
        exception.InnerException is null ? exception.Message : $"{exception.Message} {FlattenMessages(exception.InnerException)}";
}
