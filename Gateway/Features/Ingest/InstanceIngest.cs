using System.Buffers;
using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.Ingest.Deidentification;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Storage.Sweeping;
using HeadCt.Gateway.Streams;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Imaging;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Ingest;

// ─── The ingest seam, step 1 of 2: one instance ──────────────────────────────────────────────────────────────────────
// Every way a study arrives (POST /upload, DICOMweb STOW-RS, DICOM C-STORE) stores its instances here,
// so each is held to the same rules:
//   var session = ingest.StartSession(IngestSources.Dimse);            // one study: budget, UID map, accepted/rejected
//   var outcome = await ingest.IngestAsync(session, stream, name, ct); // per instance: Accepted(instance, blob) or
//                                                                      //   Rejected(file with reason, limit or null)
//   await commit.CommitAsync(session, idempotency: null, ct);          // step 2: StudyCommit.cs (record, key, queue)
// IngestAsync reads the header window (PS3.10 header, UIDs), applies the pixel budget from the header before any
// decode, the per-file size cap, de-identification (Upload:Deidentify), writes the blob, and removes whatever it wrote
// when the instance is refused part-way (a size cap crossed, a zip CRC mismatch reported by the stream as an
// InstanceContentException). It never throws for bad content; storage outages throw StorageUnavailableException.
// ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>Stores one DICOM instance of an <see cref="IngestSession"/>, or says why not.</summary>
public sealed class InstanceIngest(
    IStudyStore studies,
    IOptions<IngestLimitsOptions> limits,
    IOptions<PixelBudgetOptions> pixels,
    IOptions<DeidentificationOptions> deidentification,
    IOptions<SweeperOptions> sweeper,
    TimeProvider time)
{
    /// <summary>A session whose marker is older than this rewrites it, so the sweeper never takes a study still arriving.</summary>
    private TimeSpan MarkerRefresh => sweeper.Value.GracePeriod / 4;

    public IngestLimitsOptions Limits => limits.Value;

    /// <summary>A new study with a fresh id and budget; de-identified when <c>Upload:Deidentify</c> is on.</summary>
    public IngestSession StartSession(string source) => StartSession(source, StudyId.New());

    /// <summary>
    /// A new study under an id the source chose (DIMSE derives it from the Study Instance UID, so every association
    /// carrying the study adds to one study).
    /// </summary>
    public IngestSession StartSession(string source, string studyId) =>
        new(studyId, source, new IngestBudget(limits.Value, pixels.Value), DeidentifierFor(studyId));

    /// <summary>
    /// Continues a committed study (instances arriving late over DIMSE): the next instance follows its stored ones,
    /// and the file count starts from them. The pixel budget counts only what arrives in this session (the stored
    /// headers are not read again).
    /// </summary>
    public IngestSession ResumeSession(StudyRecord committed)
    {
        var budget = new IngestBudget(limits.Value, pixels.Value);
        foreach (var _ in committed.Instances)
        {
            budget.CountFile();
        }

        return new IngestSession(committed, budget, DeidentifierFor(committed.Id));
    }

    private StudyDeidentifier? DeidentifierFor(string studyId) =>
        deidentification.Value.Deidentify ? new StudyDeidentifier(studyId) : null;

    /// <param name="content">The instance's bytes (Part 10), read once and forward only; not disposed.</param>
    /// <param name="clientName">How the sender named it (file name, "archive.zip/entry", SOP Instance UID).</param>
    /// <param name="admit">
    /// The source's own rule on a readable header (STOW-RS: the study named in the URL); a reason refuses the instance
    /// before anything of it is stored.
    /// </param>
    public async Task<InstanceOutcome> IngestAsync(
        IngestSession session, Stream content, string clientName, CancellationToken cancellationToken,
        Func<InstanceHeader, string?>? admit = null)
    {
        var name = session.NameOf(clientName);
        var window = ArrayPool<byte>.Shared.Rent(Limits.HeaderWindowBytes);
        string? blobName = null;
        try
        {
            session.Budget.CountFile();
            var bounded = new LimitedReadStream(content, Limits.MaxFileSizeBytes, nameof(IngestLimitsOptions.MaxFileSizeBytes),
                $"'{name}' is larger than {Limits.MaxFileSizeBytes} bytes.", ownsInner: false);
            var filled = await FillAsync(bounded, window.AsMemory(0, Limits.HeaderWindowBytes), cancellationToken);
            var header = InstanceHeaderInspector.Inspect(window.AsMemory(0, filled), filled < Limits.HeaderWindowBytes);
            if (!header.IsDicom)
            {
                return Refuse(session, name, header.RejectionReason, limit: null);
            }

            if (admit?.Invoke(header) is { } refusal)
            {
                return Refuse(session, name, refusal, limit: null) with { Header = header };
            }

            if (session.Budget.Pixels.TryAdd(header.Rows, header.Columns, header.Frames) is { } violation)
            {
                return Refuse(session, name, violation.Reason, violation.Limit) with { Header = header };
            }

            Stream stored = new PrefixedStream(window.AsMemory(0, filled), bounded);
            var (sop, series, study) = (header.SopInstanceUid, header.SeriesInstanceUid, header.StudyInstanceUid);
            if (session.Deidentifier is { } deidentifier)
            {
                var (clean, failure) = await DeidentifyAsync(deidentifier, stored, cancellationToken);
                if (clean is null)
                {
                    return Refuse(session, name, $"Could not be de-identified: {failure}.", limit: null);
                }

                stored = new MemoryStream(clean, writable: false);
                (sop, series) = (deidentifier.MappedUid(sop), deidentifier.MappedUid(series));
                study = study is null ? null : deidentifier.MappedUid(study);
            }

            if (session.PendingMarkedAt is not { } marked || time.GetUtcNow() - marked > MarkerRefresh)
            {
                await studies.MarkPendingAsync(session.StudyId, cancellationToken);
                session.PendingMarkedAt = time.GetUtcNow();
            }

            var number = session.NextInstanceNumber;
            blobName = StudyBlobLayout.Instance(session.StudyId, number);
            using var activity = GatewayTelemetry.ActivitySource.StartActivity("store instance", ActivityKind.Internal);
            activity?.SetTag("headct.study_id", session.StudyId);
            activity?.SetTag("headct.instance_number", number);
            var size = await studies.WriteInstanceAsync(session.StudyId, number, stored, cancellationToken);
            var accepted = new AcceptedInstance(name, sop, series, size) { StudyInstanceUid = study };
            session.Accept(accepted);
            return new InstanceOutcome.Accepted(accepted, blobName) { Header = header };
        }
        catch (IngestLimitExceededException e)
        {
            await RemoveAsync(session, blobName);
            return Refuse(session, name, e.Message, e.Limit);
        }
        catch (InstanceContentException e)
        {
            await RemoveAsync(session, blobName);
            return Refuse(session, name, e.Message, limit: null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    private static InstanceOutcome.Rejected Refuse(IngestSession session, string name, string reason, string? limit)
    {
        var rejected = new RejectedFile(name, reason);
        session.RejectListed(rejected);
        return new InstanceOutcome.Rejected(rejected, limit);
    }

    /// <summary>Removes a refused instance's blob, staged blocks included; a failure is left to the orphan sweeper.</summary>
    private async Task RemoveAsync(IngestSession session, string? blobName)
    {
        if (blobName is null)
        {
            return;
        }

        try
        {
            await studies.DeleteBlobAsync(blobName, CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
            // No study record names it: the sweeper removes it after its grace period.
        }
    }

    /// <summary>
    /// The whole file is read (it is already capped at MaxFileSizeBytes) because the cleaned header changes length;
    /// a file our reader or writer cannot round-trip is refused rather than stored with its identifiers.
    /// </summary>
    private static async Task<(byte[]? Clean, DicomErrorKind? Failure)> DeidentifyAsync(
        StudyDeidentifier deidentifier, Stream content, CancellationToken cancellationToken)
    {
        using var whole = new MemoryStream();
        await content.CopyToAsync(whole, cancellationToken);
        try
        {
            return (deidentifier.Deidentify(whole.GetBuffer().AsMemory(0, (int)whole.Length)), null);
        }
        catch (DicomException e)
        {
            return (null, e.Kind);
        }
    }

    private static async Task<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
