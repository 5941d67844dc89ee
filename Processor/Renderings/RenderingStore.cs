using Azure.Storage.Blobs.Models;
using Azure;
using HeadCt.Inference.Attention;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// What a study's images are drawn from besides its DICOM instances, kept in the results container next to its
/// result document: the attention grid the model gave. Written once per job.
/// </summary>
public sealed class RenderingStore(ResultsContainer container)
{
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
