using Azure.Storage.Blobs;

namespace HeadCt.Platform.Tests.Support;

/// <summary>Lists what the services left in blob storage, straight from Azurite.</summary>
public sealed class StorageProbe(string connectionString)
{
    public const string DicomContainer = "dicom";
    public const string ResultsContainer = "results";

    private readonly BlobServiceClient _blobs = new(connectionString);

    public async Task<IReadOnlyList<string>> ListAsync(string container, string prefix)
    {
        var client = _blobs.GetBlobContainerClient(container);
        if (!await client.ExistsAsync())
        {
            return [];
        }

        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The content of every blob under <paramref name="prefix"/>, in listing order.</summary>
    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(string container, string prefix)
    {
        var client = _blobs.GetBlobContainerClient(container);
        var contents = new List<byte[]>();
        foreach (var name in await ListAsync(container, prefix))
        {
            contents.Add((await client.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
        }

        return contents;
    }
}
