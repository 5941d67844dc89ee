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
public sealed class BlobStudyFileSource(BlobServiceClient blobs, IOptions<StorageOptions> options, IOptions<PipelineOptions> pipeline)
    : IStudyFileSource
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
                var names = new List<string>();
                await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.InstancesPrefix(studyId) }, cancellationToken))
                {
                    names.Add(item.Name);
                }

                // Named as stored (000001.dcm is the upload's first accepted file), so a skipped instance can be named.
                paths.AddRange(names.Select(name => Path.Combine(folder, Path.GetFileName(name))));
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = pipeline.Value.DownloadParallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), parallel, async (index, token) =>
                    await container.GetBlobClient(names[index]).DownloadToAsync(paths[index], token));
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
