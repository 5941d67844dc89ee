using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.Renderings;

/// <summary>Rendered PNGs in the results container, next to the study's result document; written once per job.</summary>
public sealed class RenderingStore(ResultsContainer container)
{
    private static readonly BlobHttpHeaders PngHeaders = new() { ContentType = "image/png" };

    public async Task SaveAsync(string blobName, byte[] png, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(blobName);
        await StorageCalls.Run(() => blob.UploadAsync(
            new BinaryData(png), new BlobUploadOptions { HttpHeaders = PngHeaders }, cancellationToken));
    }

    /// <summary>The PNG and its quoted blob ETag, or null when it is not stored.</summary>
    public async Task<StoredPng?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(blobName);
        return await StorageCalls.Run<StoredPng?>(async () =>
        {
            try
            {
                var response = await blob.DownloadContentAsync(cancellationToken);
                return new StoredPng(EntityTags.Format(response.Value.Details.ETag), response.Value.Content.ToMemory());
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }

    /// <summary>Removes every rendered image of a study (the result document itself is the result store's).</summary>
    public async Task DeleteAllAsync(string studyId, CancellationToken cancellationToken)
    {
        var results = await container.GetAsync(cancellationToken);
        var document = StudyBlobLayout.Result(studyId);
        await StorageCalls.Run(async () =>
        {
            await foreach (var item in results.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.ResultsPrefix(studyId) }, cancellationToken))
            {
                if (item.Name != document)
                {
                    await results.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
                }
            }
        });
    }
}

public sealed record StoredPng(string ETag, ReadOnlyMemory<byte> Png);
