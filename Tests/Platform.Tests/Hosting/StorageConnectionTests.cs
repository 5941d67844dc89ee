using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HeadCt.Platform.Tests.Infrastructure;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>ConnectionStrings:storage must serve both the blob and the queue SDK clients.</summary>
[Collection(PlatformCollection.Name)]
public sealed class StorageConnectionTests(PlatformAppFixture fixture)
{
    [Fact]
    public async Task GivenStorageConnectionString_WhenABlobIsWrittenAndReadBack_ThenTheBytesAreEqual()
    {
        var blobService = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync());
        var container = blobService.GetBlobContainerClient($"hosting-test-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var content = RandomNumberGenerator.GetBytes(64 * 1024);

        var blob = container.GetBlobClient("payload.bin");
        await blob.UploadAsync(new BinaryData(content));
        var downloaded = await blob.DownloadContentAsync();

        Assert.Equal(content, downloaded.Value.Content.ToArray());
    }

    [Fact]
    public async Task GivenStorageConnectionString_WhenAQueueMessageIsSentAndReceived_ThenTheTextIsEqual()
    {
        var queueService = new QueueServiceClient(await fixture.GetStorageConnectionStringAsync());
        var queue = queueService.GetQueueClient($"hosting-test-{Guid.NewGuid():N}");
        await queue.CreateAsync();
        var text = $"message {Guid.NewGuid()}";

        await queue.SendMessageAsync(text);
        var received = await queue.ReceiveMessageAsync();

        Assert.NotNull(received.Value);
        Assert.Equal(text, received.Value.MessageText);
    }

    [Fact]
    public async Task GivenAWrittenBlob_WhenTheDataDirectoryIsListed_ThenAzuriteKeptItsFilesThere()
    {
        var blobService = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync());
        var container = blobService.GetBlobContainerClient($"hosting-test-{Guid.NewGuid():N}");
        await container.CreateAsync();
        await container.GetBlobClient("kept.bin").UploadAsync(new BinaryData(RandomNumberGenerator.GetBytes(1024)));

        var azuriteDirectory = Path.Combine(fixture.DataDirectory, "azurite");

        Assert.True(Directory.Exists(azuriteDirectory), $"{azuriteDirectory} does not exist");
        Assert.NotEmpty(Directory.EnumerateFiles(azuriteDirectory, "*", SearchOption.AllDirectories));
    }
}
