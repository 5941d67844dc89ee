using System.Collections.Concurrent;
using HeadCt.Dicom;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;

namespace HeadCt.Dimse.Tests.Support;

/// <summary>
/// A storage SCP application for tests: writes each data set, as received, behind a Part 10 header into a folder
/// (a partial file is deleted, so "nothing half-stored" is checkable), admits configured calling AE titles only.
/// </summary>
public sealed class FolderStoreHandler(string folder, params string[] knownCallingAeTitles) : IStorageScpHandler
{
    public ConcurrentQueue<AssociationSummary> Ended { get; } = new();

    public ConcurrentQueue<StoreRequest> Requests { get; } = new();

    public string Folder => folder;

    public AssociationRejection? Admit(AssociationInfo request) =>
        knownCallingAeTitles.Length == 0 || knownCallingAeTitles.Contains(request.CallingAeTitle)
            ? null
            : AssociationRejection.CallingAeTitleNotRecognized;

    public async Task<StoreOutcome> StoreAsync(StoreRequest request, Stream dataSet, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var path = Path.Combine(folder, request.SopInstanceUid + ".dcm");
        var partial = path + ".partial";
        try
        {
            await using (var file = File.Create(partial))
            {
                await file.WriteAsync(DicomWriter.PartTenHeader(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid,
                    request.Association.CallingAeTitle), cancellationToken);
                await dataSet.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
            return StoreOutcome.Stored;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public Task AssociationEndedAsync(AssociationSummary summary)
    {
        Ended.Enqueue(summary);
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="count"/> associations have ended (the callback runs after the socket closed).</summary>
    public async Task<IReadOnlyList<AssociationSummary>> WaitForEndedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Ended.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Ended.Count >= count ? Ended.ToList() : throw new TimeoutException($"{Ended.Count} of {count} associations ended within {timeout}.");
    }

    public static StoreOutcome Refused => StoreOutcome.Failed(DimseStatus.OutOfResources, "test", "refused by the test");
}
