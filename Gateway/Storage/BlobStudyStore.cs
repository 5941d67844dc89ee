using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Storage;

public sealed class BlobStudyStore(DicomContainer container) : IStudyStore
{
    private static readonly BlobUploadOptions DicomUpload = new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/dicom" },
        TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = 4 << 20, MaximumTransferSize = 4 << 20 },
    };

    public async Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Instance(studyId, number));
        var counted = new CountingStream(content);
        await StorageCalls.Run(() => blob.UploadAsync(counted, DicomUpload, cancellationToken));
        return counted.BytesRead;
    }

    public async Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Record(record.Id));
        var json = BinaryData.FromObjectAsJson(record, GatewayJson.Options);
        await StorageCalls.Run(() => blob.UploadAsync(json, overwrite: true, cancellationToken));
    }

    public async Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Record(studyId));
        return await StorageCalls.Run(async () =>
        {
            try
            {
                var content = await blob.DownloadContentAsync(cancellationToken);
                return JsonSerializer.Deserialize<StudyRecord>(content.Value.Content.ToMemory().Span, GatewayJson.Options);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                return null;
            }
        });
    }

    public async Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);

        return await StorageCalls.Run(async () =>
        {
            var deleted = 0;
            await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.StudyPrefix(studyId) }, cancellationToken))
            {
                var response = await blobs.DeleteBlobIfExistsAsync(item.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                if (response.Value)
                {
                    deleted++;
                }
            }

            return deleted;
        });
    }
}
