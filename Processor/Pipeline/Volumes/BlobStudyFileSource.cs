using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline.Volumes;

/// <summary>
/// Streams each instance blob to a file in a per-job temp folder: the volume builder reads headers first and pixels
/// later, slice by slice, so memory stays near the volume's own size instead of holding the whole upload.
/// </summary>
public sealed class BlobStudyFileSource(BlobServiceClient blobs, IOptions<StorageOptions> options) : IStudyFileSource
{
    public async Task<LocalStudyFiles> DownloadAsync(string studyId, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-jobs", $"{studyId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        var local = new LocalStudyFiles(folder, paths);
        try
        {
            var container = blobs.GetBlobContainerClient(options.Value.DicomContainer);
            await StorageCalls.Run(async () =>
            {
                await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.InstancesPrefix(studyId) }, cancellationToken))
                {
                    var path = Path.Combine(folder, $"{paths.Count:D6}.dcm");
                    await container.GetBlobClient(item.Name).DownloadToAsync(path, cancellationToken);
                    paths.Add(path);
                }
            });
            return local;
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }
}
