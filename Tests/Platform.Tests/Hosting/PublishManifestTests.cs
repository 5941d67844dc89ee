using System.Text.Json;
using HeadCt.Platform.Tests.Infrastructure;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>What azd deploys: projects, a Redis container, a storage connection string; nothing local.</summary>
public sealed class PublishManifestTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    [Theory]
    [InlineData(ResourceNames.Gateway, "Gateway/Gateway.csproj")]
    [InlineData(ResourceNames.Processor, "Processor/Processor.csproj")]
    public void GivenPublishedManifest_WhenAServiceIsRead_ThenItIsTheProjectResourceOfItsFolder(string name, string projectFile)
    {
        var resource = manifest.Resources.GetProperty(name);

        Assert.StartsWith("project.v", resource.GetProperty("type").GetString());
        Assert.EndsWith(projectFile, resource.GetProperty("path").GetString()!.Replace('\\', '/'));
    }

    [Fact]
    public void GivenPublishedManifest_WhenCacheIsRead_ThenItIsARedisContainerWithAConnectionString()
    {
        var cache = manifest.Resources.GetProperty(ResourceNames.Cache);

        Assert.StartsWith("container.v", cache.GetProperty("type").GetString());
        Assert.Contains("redis", cache.GetProperty("image").GetString());
        Assert.True(cache.TryGetProperty("connectionString", out _));
    }

    [Fact]
    public void GivenPublishedManifest_WhenStorageIsRead_ThenItIsASecretConnectionStringParameter()
    {
        var storage = manifest.Resources.GetProperty(ResourceNames.Storage);

        Assert.Equal("parameter.v0", storage.GetProperty("type").GetString());
        Assert.Equal("{storage.value}", storage.GetProperty("connectionString").GetString());
        Assert.True(storage.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
    }

    [Fact]
    public void GivenPublishedManifest_WhenTheIndexIsRead_ThenItIsAPostgresContainerDatabaseBothServicesReference()
    {
        var server = manifest.Resources.GetProperty(ResourceNames.Postgres);
        var index = manifest.Resources.GetProperty(ResourceNames.Index);

        Assert.StartsWith("container.v", server.GetProperty("type").GetString());
        Assert.Contains("postgres", server.GetProperty("image").GetString());
        Assert.Equal("{postgres.connectionString};Database=headct", index.GetProperty("connectionString").GetString());
        foreach (var service in (string[])[ResourceNames.Gateway, ResourceNames.Processor])
        {
            Assert.Equal("{index.connectionString}", manifest.Resources.GetProperty(service).GetProperty("env").GetProperty("ConnectionStrings__index").GetString());
        }
    }

    [Fact]
    public void GivenPublishedManifest_WhenResourceTypesAreListed_ThenNoLocalExecutableIsDeployed()
    {
        var types = manifest.AllResources.Select(entry => entry.Resource.GetProperty("type").GetString()).ToList();

        Assert.NotEmpty(types);
        Assert.DoesNotContain(types, type => type!.StartsWith("executable.", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenPublishedManifest_WhenBindingsAreRead_ThenOnlyTheGatewayIsExternal()
    {
        var external = manifest.AllResources
            .Where(entry => entry.Resource.TryGetProperty("bindings", out var bindings)
                && bindings.EnumerateObject().Any(IsExternal))
            .Select(entry => entry.Name)
            .ToList();

        Assert.Equal([ResourceNames.Gateway], external);
    }

    [Fact]
    public void GivenPublishedManifest_WhenServicesAreRead_ThenBothGetTheStorageAndCacheConnectionStrings()
    {
        foreach (var service in (string[])[ResourceNames.Gateway, ResourceNames.Processor])
        {
            var environment = manifest.Resources.GetProperty(service).GetProperty("env");

            Assert.Equal("{storage.connectionString}", environment.GetProperty("ConnectionStrings__storage").GetString());
            Assert.Equal("{cache.connectionString}", environment.GetProperty("ConnectionStrings__cache").GetString());
        }
    }

    private static bool IsExternal(JsonProperty binding) =>
        binding.Value.TryGetProperty("external", out var external) && external.GetBoolean();
}
