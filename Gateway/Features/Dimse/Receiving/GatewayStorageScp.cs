using System.Buffers;
using System.Collections.Concurrent;
using HeadCt.Dicom;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;
using HeadCt.Gateway.Features.Dimse.Assembly;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Streams;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Receiving;

/// <summary>
/// The gateway's Storage SCP (PS3.4 Annex B): admits known calling AEs, gives each received data set, as a Part 10
/// file with the File Meta Information PS3.10 requires, to the ingest seam (<see cref="InstanceIngest"/>: the upload's
/// validation, limits, de-identification and blob write) within its study's assembly, and answers with the status
/// that says why when it cannot (PS3.4 §B.2.3).
/// </summary>
public sealed class GatewayStorageScp(
    InstanceIngest ingest,
    StudyAssembler assembler,
    AssociationAudit audit,
    IOptions<DimseOptions> options,
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
        var meta = DicomWriter.PartTenHeader(request.SopClassUid, request.SopInstanceUid, request.TransferSyntaxUid, request.Association.CallingAeTitle);
        var buffer = ArrayPool<byte>.Shared.Rent(meta.Length + windowBytes);
        try
        {
            // The study is read from the header first: it decides which assembly (and session) the instance joins.
            meta.CopyTo(buffer, 0);
            var filled = await dataSet.ReadAtLeastAsync(buffer.AsMemory(meta.Length, windowBytes), windowBytes, throwOnEndOfStream: false, cancellationToken);
            var window = buffer.AsMemory(0, meta.Length + filled);
            var header = InstanceHeaderInspector.Inspect(window, windowHoldsWholeFile: filled < windowBytes);
            if (!header.IsDicom)
                return Refuse(request, DimseStatus.CannotUnderstand, "not-dicom", header.RejectionReason);
            if (header.SopClassUid != request.SopClassUid)
                return Refuse(request, DimseStatus.DataSetDoesNotMatchSopClass, "sop-class-mismatch", "The data set's SOP Class UID is not the one the C-STORE-RQ announced.");
            if (header.SopInstanceUid != request.SopInstanceUid)
                return Refuse(request, DimseStatus.DataSetDoesNotMatchSopClass, "sop-instance-mismatch", "The data set's SOP Instance UID is not the one the C-STORE-RQ announced.");
            if (!DicomUids.IsValid(header.StudyInstanceUid))
                return Refuse(request, DimseStatus.CannotUnderstand, "no-study", "Study Instance UID (0020,000D) is missing or not a valid UID.");

            var association = request.Association;
            var (arrival, outcome) = await assembler.IngestAsync(header.StudyInstanceUid, request.SopInstanceUid, association.Id, association.CallingAeTitle,
                session => ingest.IngestAsync(session, new PrefixedStream(window, dataSet), request.SopInstanceUid, cancellationToken),
                cancellationToken);
            switch (outcome)
            {
                case InstanceOutcome.Rejected { Limit: { } limit, File.Reason: var reason }:
                    return Refuse(request, DimseStatus.OutOfResources, "limit:" + limit, reason);
                case InstanceOutcome.Rejected { File.Reason: var reason }:
                    return Refuse(request, DimseStatus.CannotUnderstand, "not-accepted", reason);
            }

            if (arrival == Arrival.Duplicate)
                await DrainAsync(dataSet, cancellationToken);
            _studiesByAssociation.GetOrAdd(association.Id, _ => new ConcurrentDictionary<string, byte>())[DimseStudyId.For(header.StudyInstanceUid)] = 0;
            return StoreOutcome.Stored;
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

    /// <summary>An instance the study already holds is read to its end and not stored again (the sender still gets Success).</summary>
    private static Task DrainAsync(Stream dataSet, CancellationToken cancellationToken) => dataSet.CopyToAsync(Stream.Null, cancellationToken);

    public Task AssociationEndedAsync(AssociationSummary summary)
    {
        var studies = _studiesByAssociation.TryRemove(summary.Association.Id, out var touched) ? touched.Keys.ToList() : [];
        audit.Record(summary, studies);
        return Task.CompletedTask;
    }

    private StoreOutcome Refuse(StoreRequest request, DimseStatus status, string reason, string detail)
    {
        DimseLog.InstanceRefused(logger, request.Association.CallingAeTitle, reason, detail);
        return StoreOutcome.Failed(status, reason, detail);
    }
}
