using Azure;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// The result objects' Part 10 bytes, in the results container beside the study's result document
/// (<c>{id}/dicom/{sopInstanceUid}.dcm</c>); removed with the study's other results.
/// </summary>
public sealed class ResultObjectStore(ResultsContainer container) : IResultObjectStore
{
    public async Task SaveAsync(string studyId, ResultObject item, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.DicomObject(studyId, item.SopInstanceUid));
        await StorageCalls.Run(() => blob.UploadAsync(new BinaryData(item.Bytes), overwrite: true, cancellationToken));
    }

    /// <summary>The object's bytes, or null when it is not stored.</summary>
    public async Task<BinaryData?> GetAsync(string studyId, string sopInstanceUid, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.DicomObject(studyId, sopInstanceUid));
        return await StorageCalls.Run<BinaryData?>(async () =>
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
    }
}

/// <summary>Where result objects are kept; blob storage in the service (<see cref="ResultObjectStore"/>).</summary>
public interface IResultObjectStore
{
    Task SaveAsync(string studyId, ResultObject item, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when it is not stored.</summary>
    Task<BinaryData?> GetAsync(string studyId, string sopInstanceUid, CancellationToken cancellationToken);
}
