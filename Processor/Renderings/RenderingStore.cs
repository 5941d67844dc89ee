using Azure.Storage.Blobs.Models;
using Azure;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Imaging;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// What a study's images are drawn from, kept in the results container next to its result document: its HU volume in
/// a compact form any replica loads quickly, and the attention grid the model gave. Written once per job.
/// </summary>
public sealed class RenderingStore(ResultsContainer container, IOptions<PixelBudgetOptions> budget)
{
    /// <summary>Blocks of the staged upload and reads of the download: a few slices each, so neither holds the volume twice.</summary>
    private const int TransferBufferBytes = 4 << 20;

    public async Task SaveVolumeAsync(string studyId, CtVolume volume, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.Volume(studyId));
        await StorageCalls.Run(async () =>
        {
            var options = new BlobOpenWriteOptions
            {
                BufferSize = TransferBufferBytes,
                HttpHeaders = new BlobHttpHeaders { ContentType = StoredVolumeFormat.ContentType },
            };
            await using var stream = await blob.OpenWriteAsync(overwrite: true, options, cancellationToken);
            await StoredVolumeFormat.WriteAsync(volume, stream, cancellationToken);
        });
    }

    /// <summary>The stored volume, or null when there is none (a study completed before volumes were stored).</summary>
    public async Task<CtVolume?> GetVolumeAsync(string studyId, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.Volume(studyId));
        return await StorageCalls.Run<CtVolume?>(async () =>
        {
            try
            {
                await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = TransferBufferBytes }, cancellationToken);
                return await StoredVolumeFormat.ReadAsync(stream, budget.Value.MaxVoxelsPerStudy, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }

    public async Task SaveAttentionGridAsync(string studyId, AttentionGrid grid, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.AttentionGrid(studyId));
        await StorageCalls.Run(() => blob.UploadAsync(new BinaryData(AttentionGridFormat.Write(grid)), overwrite: true, cancellationToken));
    }

    /// <summary>The stored attention grid, or null when there is none.</summary>
    public async Task<AttentionGrid?> GetAttentionGridAsync(string studyId, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.AttentionGrid(studyId));
        var content = await StorageCalls.Run<BinaryData?>(async () =>
        {
            try
            {
                return (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
        return content is null ? null : AttentionGridFormat.Read(content.ToMemory().Span);
    }

    /// <summary>Removes everything of a study in the results container but its result document (the result store's).</summary>
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
