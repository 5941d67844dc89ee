using HeadCt.Dicom;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Features.Upload.Deidentification;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.DicomWeb.Stow;

/// <summary>
/// The one place STOW-RS stores through: each instance checked, de-identified when configured and written, then the
/// study committed (record written, job queued) or abandoned. It is built on today's upload building blocks
/// (<see cref="DicomPartInspector"/>, <see cref="StudyDeidentifier"/>, <see cref="IStudyStore"/>, <see cref="IProcessorQueue"/>)
/// and is the seam to re-point at the shared per-instance ingest step when that lands.
/// </summary>
public sealed class StowIngestAdapter(
    IStudyStore studies,
    IProcessorQueue processor,
    IOptions<DeidentificationOptions> deidentification,
    TimeProvider time)
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>A STOW-RS study being stored: its id, the instances stored so far and its de-identifier.</summary>
    public sealed class StowStudy(string id, StudyDeidentifier? deidentifier)
    {
        public string Id { get; } = id;
        public StudyDeidentifier? Deidentifier { get; } = deidentifier;
        public List<AcceptedInstance> Accepted { get; } = [];
    }

    public StowStudy Begin()
    {
        var id = StudyId.New();
        return new StowStudy(id, deidentification.Value.Deidentify ? new StudyDeidentifier(id) : null);
    }

    /// <summary>Checks and stores one part; the outcome says what to put in the STOW-RS response for it.</summary>
    public async Task<StowOutcome> StoreInstanceAsync(
        StowStudy study, ReadOnlyMemory<byte> window, bool windowIsWholeFile, Stream rest, string fileName,
        string? requiredStudyInstanceUid, CancellationToken cancellationToken)
    {
        var inspection = DicomPartInspector.Inspect(window, windowIsWholeFile);
        if (!inspection.IsDicom)
        {
            return StowOutcome.Failed(null, null, StowOutcome.CannotUnderstand, inspection.RejectionReason);
        }

        var header = DicomReader.Read(window, HeaderOnly).Dataset;
        var sopClassUid = header.GetString(DicomTags.SopClassUid);
        var studyInstanceUid = header.GetString(DicomTags.StudyInstanceUid);
        if (requiredStudyInstanceUid is not null && studyInstanceUid != requiredStudyInstanceUid)
        {
            return StowOutcome.Failed(sopClassUid, inspection.SopInstanceUid, StowOutcome.StudyMismatch,
                "Its Study Instance UID is not the one in the request URL.");
        }

        Stream content = new PrefixedStream(window, rest);
        var (sop, series, studyUid) = (inspection.SopInstanceUid, inspection.SeriesInstanceUid, studyInstanceUid ?? string.Empty);
        var coerced = false;
        if (study.Deidentifier is { } deidentifier)
        {
            using var whole = new MemoryStream();
            await content.CopyToAsync(whole, cancellationToken);
            try
            {
                content = new MemoryStream(deidentifier.Deidentify(whole.GetBuffer().AsMemory(0, (int)whole.Length)));
            }
            catch (DicomException e)
            {
                return StowOutcome.Failed(sopClassUid, sop, StowOutcome.CannotUnderstand, $"Could not be de-identified: {e.Kind}.");
            }

            (sop, series, studyUid, coerced) = (deidentifier.MappedUid(sop), deidentifier.MappedUid(series), deidentifier.MappedUid(studyUid), true);
        }

        var size = await studies.WriteInstanceAsync(study.Id, study.Accepted.Count + 1, content, cancellationToken);
        study.Accepted.Add(new AcceptedInstance(fileName, sop, series, size));
        return StowOutcome.Stored(sopClassUid, sop, series, studyUid, coerced);
    }

    /// <summary>Makes the study visible (record, which also indexes it) and queues it; on failure nothing of it stays.</summary>
    public async Task CommitAsync(StowStudy study, CancellationToken cancellationToken)
    {
        try
        {
            await studies.WriteRecordAsync(
                new StudyRecord(study.Id, time.GetUtcNow(), study.Accepted, IdempotencyKeyHash: null, Source: StudyArrival.StowSource), cancellationToken);
            await processor.QueueAsync(study.Id, cancellationToken);
        }
        catch
        {
            await AbandonAsync(study);
            throw;
        }
    }

    /// <summary>Removes whatever of the study was written (best effort: without a record, leftovers are invisible).</summary>
    public async Task AbandonAsync(StowStudy study)
    {
        try
        {
            await studies.DeleteStudyAsync(study.Id, CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
        }
    }
}
