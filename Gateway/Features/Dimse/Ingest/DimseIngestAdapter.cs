using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Features.Upload.Deidentification;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Ingest;

/// <summary>
/// The one place where DICOM received over the network meets the upload path's building blocks: header validation
/// (<see cref="DicomPartInspector"/>), the upload limits, de-identification (<see cref="StudyDeidentifier"/>), the blob
/// write (<see cref="IStudyStore.WriteInstanceAsync"/>) and the study commit (record, then <see cref="IProcessorQueue"/>).
/// A received instance is treated exactly like an uploaded file; when the shared ingest seam lands, only this class
/// changes.
/// </summary>
public sealed class DimseIngestAdapter(
    IStudyStore studies,
    IProcessorQueue processor,
    IOptions<UploadLimitsOptions> limits,
    IOptions<DeidentificationOptions> deidentification)
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public UploadLimitsOptions Limits => limits.Value;

    /// <summary>A de-identifier for the whole study (one UID mapping across all its associations), or null when off.</summary>
    public StudyDeidentifier? DeidentifierFor(string studyId) => deidentification.Value.Deidentify ? new StudyDeidentifier(studyId) : null;

    /// <summary>Validates a Part 10 header window as an uploaded part is validated, and reads which study it belongs to.</summary>
    public DimseInspection Inspect(ReadOnlyMemory<byte> window, bool windowHoldsWholeFile)
    {
        var inspection = DicomPartInspector.Inspect(window, windowHoldsWholeFile);
        if (!inspection.IsDicom)
            return DimseInspection.Rejected(inspection.RejectionReason);

        var dataset = DicomReader.Read(window, HeaderOnly).Dataset;
        var study = dataset.GetString(DicomTags.StudyInstanceUid);
        if (!DicomUids.IsValid(study))
            return DimseInspection.Rejected("Study Instance UID (0020,000D) is missing or not a valid UID.");
        var sopClass = dataset.GetString(DicomTags.SopClassUid);
        return new DimseInspection(sopClass ?? "", inspection.SopInstanceUid, inspection.SeriesInstanceUid, study, null);
    }

    /// <summary>
    /// Streams one instance (the window already read, then the rest of the data set) to storage under the per-file
    /// limit, de-identified when configured. Throws <see cref="UploadLimitExceededException"/>,
    /// <see cref="HeadCt.Services.Common.Storage.StorageUnavailableException"/> or <see cref="DicomException"/> (not
    /// de-identifiable); whatever fails, nothing is written under the instance's name.
    /// </summary>
    public async Task<StoredInstance> StoreInstanceAsync(
        string studyId, int number, ReadOnlyMemory<byte> window, Stream rest, DimseInspection inspection,
        StudyDeidentifier? deidentifier, CancellationToken cancellationToken)
    {
        var limit = Limits.MaxFileSizeBytes;
        await using Stream received = new LimitedReadStream(new PrefixedStream(window, rest), limit,
            nameof(UploadLimitsOptions.MaxFileSizeBytes), $"The instance is larger than {limit} bytes.");
        var (sop, series) = (inspection.SopInstanceUid!, inspection.SeriesInstanceUid!);
        Stream content = received;
        if (deidentifier is not null)
        {
            // The cleaned header changes length, so the file is read whole (bounded by MaxFileSizeBytes).
            using var whole = new MemoryStream();
            await received.CopyToAsync(whole, cancellationToken);
            content = new MemoryStream(deidentifier.Deidentify(whole.GetBuffer().AsMemory(0, (int)whole.Length)), writable: false);
            (sop, series) = (deidentifier.MappedUid(sop), deidentifier.MappedUid(series));
        }

        using var activity = GatewayTelemetry.ActivitySource.StartActivity("store instance", ActivityKind.Internal);
        activity?.SetTag("headct.study_id", studyId);
        activity?.SetTag("headct.instance_number", number);
        var size = await studies.WriteInstanceAsync(studyId, number, content, cancellationToken);
        return new StoredInstance(size, sop, series);
    }

    /// <summary>The study's stored record, to continue a study received before (a restart, or after it left memory).</summary>
    public Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken) =>
        studies.ReadRecordAsync(studyId, cancellationToken);

    /// <summary>
    /// Makes the study visible and queues it: the record first (as an upload's), then the processor. False when the
    /// processor is still processing it (a reprocess waits for that run to finish).
    /// </summary>
    public async Task<bool> CommitStudyAsync(StudyRecord record, bool reprocess, CancellationToken cancellationToken)
    {
        await studies.WriteRecordAsync(record, cancellationToken);
        using (GatewayTelemetry.ActivitySource.StartActivity("enqueue"))
            return await processor.QueueAsync(record.Id, record.Source!, reprocess, cancellationToken);
    }
}
