using System.Buffers;
using System.Collections.Concurrent;
using HeadCt.Dicom;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;
using HeadCt.Gateway.Features.Dimse.Assembly;
using HeadCt.Gateway.Features.Dimse.Ingest;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Receiving;

/// <summary>
/// The gateway's Storage SCP (PS3.4 Annex B): admits known calling AEs, checks each received data set like an upload
/// (header window, SOP class and instance as announced), stores it into its study and answers with the status that
/// says why when it cannot (PS3.4 §B.2.3).
/// </summary>
public sealed class GatewayStorageScp(
    DimseIngestAdapter ingest,
    StudyAssembler assembler,
    AssociationAudit audit,
    IOptions<DimseOptions> options,
    TimeProvider time,
    ILogger<GatewayStorageScp> logger) : IStorageScpHandler
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _studiesByAssociation = new(StringComparer.Ordinal);

    public AssociationRejection? Admit(AssociationInfo request)
    {
        var settings = options.Value;
        return settings.AllowAnyCallingAeTitle || settings.FindPeer(request.CallingAeTitle) is { MaySendToUs: true }
            ? null
            : AssociationRejection.CallingAeTitleNotRecognized;
    }

    public async Task<StoreOutcome> StoreAsync(StoreRequest request, Stream dataSet, CancellationToken cancellationToken)
    {
        var windowBytes = ingest.Limits.HeaderWindowBytes;
        var header = DicomWriter.PartTenHeader(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle);
        var buffer = ArrayPool<byte>.Shared.Rent(header.Length + windowBytes);
        try
        {
            header.CopyTo(buffer, 0);
            var filled = await dataSet.ReadAtLeastAsync(buffer.AsMemory(header.Length, windowBytes), windowBytes, throwOnEndOfStream: false, cancellationToken);
            var window = buffer.AsMemory(0, header.Length + filled);
            var inspection = ingest.Inspect(window, windowHoldsWholeFile: filled < windowBytes);
            if (!inspection.IsDicom)
                return Refuse(request, DimseStatus.CannotUnderstand, "not-dicom", inspection.RejectionReason);
            if (inspection.SopClassUid != request.SopClassUid)
                return Refuse(request, DimseStatus.DataSetDoesNotMatchSopClass, "sop-class-mismatch", "The data set's SOP Class UID is not the one the C-STORE-RQ announced.");
            if (inspection.SopInstanceUid != request.SopInstanceUid)
                return Refuse(request, DimseStatus.DataSetDoesNotMatchSopClass, "sop-instance-mismatch", "The data set's SOP Instance UID is not the one the C-STORE-RQ announced.");

            var (slot, refusal) = await assembler.ReserveAsync(inspection.StudyInstanceUid, request.SopInstanceUid, cancellationToken);
            if (slot is null)
                return Refuse(request, DimseStatus.OutOfResources, "study-limit", refusal!);
            return await StoreAsync(request, slot, window, dataSet, inspection, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            return Refuse(request, DimseStatus.OutOfResources, "storage-unavailable", "Storage is unavailable; send the instance again later.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<StoreOutcome> StoreAsync(
        StoreRequest request, InstanceSlot slot, ReadOnlyMemory<byte> window, Stream rest, DimseInspection inspection, CancellationToken cancellationToken)
    {
        var association = request.Association;
        try
        {
            var stored = await ingest.StoreInstanceAsync(slot.StudyId, slot.Number, window, rest, inspection, slot.Deidentifier, cancellationToken);
            slot.Study.Complete(slot, new AcceptedInstance(StudyAssembly.FileName(slot.Number), stored.SopInstanceUid, stored.SeriesInstanceUid, stored.Size),
                association.Id, association.CallingAeTitle, time.GetUtcNow());
            _studiesByAssociation.GetOrAdd(association.Id, _ => new ConcurrentDictionary<string, byte>())[slot.StudyId] = 0;
            return StoreOutcome.Stored;
        }
        catch (UploadLimitExceededException e)
        {
            slot.Study.Abandon(slot, request.SopInstanceUid);
            return Refuse(request, DimseStatus.OutOfResources, "too-large", e.Message);
        }
        catch (DicomException e)
        {
            slot.Study.Abandon(slot, request.SopInstanceUid);
            return Refuse(request, DimseStatus.CannotUnderstand, "not-deidentifiable", $"The data set could not be de-identified: {e.Kind}.");
        }
        catch
        {
            slot.Study.Abandon(slot, request.SopInstanceUid);
            throw;
        }
    }

    public Task AssociationEndedAsync(AssociationSummary summary)
    {
        var studies = _studiesByAssociation.TryRemove(summary.Association.Id, out var touched) ? touched.Keys.ToList() : [];
        return audit.RecordAsync(summary, studies);
    }

    private StoreOutcome Refuse(StoreRequest request, DimseStatus status, string reason, string detail)
    {
        DimseLog.InstanceRefused(logger, request.Association.CallingAeTitle, reason, detail);
        return StoreOutcome.Failed(status, reason, detail);
    }
}
