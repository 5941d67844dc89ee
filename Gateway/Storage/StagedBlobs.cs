using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace HeadCt.Gateway.Storage;

/// <summary>
/// A block blob upload stages its blocks (4 MiB each) and commits them at the end; cut off before the commit (a size
/// limit, a dropped connection) the staged blocks stay, invisible to ordinary listings, until Azure collects them
/// after a week (Azurite never does). Deleting such a blob needs a commit first: an empty block list commits a
/// zero-length blob and discards every uncommitted block (Put Block List), then the blob is deleted.
/// </summary>
internal static class StagedBlobs
{
    /// <summary>True when a committed or staged blob of that name existed and is gone now.</summary>
    public static async Task<bool> DeleteAsync(BlobContainerClient blobs, string blobName, CancellationToken cancellationToken)
    {
        if ((await blobs.DeleteBlobIfExistsAsync(blobName, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value)
        {
            return true;
        }

        var block = blobs.GetBlockBlobClient(blobName);
        try
        {
            var list = await block.GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: cancellationToken);
            if (!list.Value.UncommittedBlocks.Any())
            {
                return false;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }

        await block.CommitBlockListAsync([], cancellationToken: cancellationToken);
        return (await blobs.DeleteBlobIfExistsAsync(blobName, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;
    }
}
