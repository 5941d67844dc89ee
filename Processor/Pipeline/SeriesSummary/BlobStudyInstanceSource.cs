using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HeadCt.Dicom;
using HeadCt.Processor.Storage;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline.SeriesSummary;

/// <summary>
/// Reads each instance blob only up to Pixel Data: the header of a CT slice is a few kilobytes of its half megabyte.
/// </summary>
public sealed class BlobStudyInstanceSource(
    BlobServiceClient blobs, IOptions<StorageOptions> options, ILogger<BlobStudyInstanceSource> logger) : IStudyInstanceSource
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };
    private const int ReadBufferBytes = 64 * 1024;

    public async Task<IReadOnlyList<DicomImageHeader>> ReadHeadersAsync(string studyId, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(options.Value.DicomContainer);
        var headers = new List<DicomImageHeader>();
        await StorageCalls.Run(async () =>
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.InstancesPrefix(studyId) }, cancellationToken))
            {
                var blob = container.GetBlobClient(item.Name);
                await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBufferBytes }, cancellationToken);
                try
                {
                    // The reader is synchronous; it pulls only the header's blocks through the buffered blob stream.
                    headers.Add(await Task.Run(() => DicomImageHeader.From(DicomReader.Read(stream, HeaderOnly)), cancellationToken));
                }
                catch (DicomException e)
                {
                    Log.InstanceUnreadable(logger, studyId, item.Name, e.Message);
                }
            }
        });
        return headers;
    }
}
