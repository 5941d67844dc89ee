using System.Buffers;
using System.IO.Compression;
using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.Upload.Deidentification;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// Reads one multipart upload part by part and streams every DICOM file (or zip entry) to storage, buffering only
/// a header window per file. Throws <see cref="UploadLimitExceededException"/> when a limit is crossed.
/// </summary>
internal sealed class StudyIngest(string studyId, IStudyStore studies, UploadBudget budget, StudyDeidentifier? deidentifier = null)
{
    public const string FilesField = "files";

    private readonly List<AcceptedInstance> _accepted = [];
    private readonly List<RejectedFile> _rejected = [];

    public IReadOnlyList<AcceptedInstance> Accepted => _accepted;
    public IReadOnlyList<RejectedFile> Rejected => _rejected;
    public long StoredBytes { get; private set; }

    private UploadLimitsOptions Limits => budget.Limits;

    public async Task ReadAllAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                !disposition.IsFileDisposition())
            {
                continue; // plain form fields carry no file
            }

            var fileName = FileNameOf(disposition);
            if (!string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FilesField, StringComparison.OrdinalIgnoreCase))
            {
                budget.CountFile();
                _rejected.Add(new RejectedFile(fileName, $"Files must be sent in the form field '{FilesField}'."));
                continue;
            }

            await ReadPartAsync(section.Body, fileName, cancellationToken);
        }
    }

    private async Task ReadPartAsync(Stream body, string fileName, CancellationToken cancellationToken)
    {
        var part = new LimitedReadStream(body, Limits.MaxFileSizeBytes, nameof(UploadLimitsOptions.MaxFileSizeBytes),
            $"'{fileName}' is larger than {Limits.MaxFileSizeBytes} bytes.");
        var window = ArrayPool<byte>.Shared.Rent(Limits.HeaderWindowBytes);
        try
        {
            var filled = await FillAsync(part, window.AsMemory(0, Limits.HeaderWindowBytes), cancellationToken);
            var prefix = window.AsMemory(0, filled);
            if (ZipSignature.IsZip(prefix.Span))
            {
                await ReadZipAsync(prefix, part, fileName, cancellationToken);
            }
            else
            {
                await StoreIfDicomAsync(prefix, filled < Limits.HeaderWindowBytes, part, fileName, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    private async Task ReadZipAsync(ReadOnlyMemory<byte> prefix, Stream rest, string fileName, CancellationToken cancellationToken)
    {
        // ZipArchive needs a seekable stream: spool the archive to a temporary file, never to memory.
        await using var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), "headct-upload-" + Guid.NewGuid().ToString("N") + ".zip"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await spool.WriteAsync(prefix, cancellationToken);
        await rest.CopyToAsync(spool, cancellationToken);
        spool.Position = 0;

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(spool, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            budget.CountFile();
            _rejected.Add(new RejectedFile(fileName, "Not a readable zip archive."));
            return;
        }

        using (archive)
        {
            if (archive.Entries.Count > Limits.MaxZipEntries)
            {
                throw new UploadLimitExceededException(nameof(UploadLimitsOptions.MaxZipEntries),
                    $"'{fileName}' holds more than {Limits.MaxZipEntries} entries.");
            }

            foreach (var entry in archive.Entries)
            {
                await ReadZipEntryAsync(entry, $"{fileName}/{entry.FullName}", cancellationToken);
            }
        }
    }

    private async Task ReadZipEntryAsync(ZipArchiveEntry entry, string displayName, CancellationToken cancellationToken)
    {
        if (ZipEntryNames.IsDirectory(entry.FullName) && entry.Length == 0)
        {
            return;
        }

        if (!ZipEntryNames.IsSafe(entry.FullName))
        {
            budget.CountFile();
            _rejected.Add(new RejectedFile(displayName, "The zip entry's path leaves the archive's folder."));
            return;
        }

        var (cap, limit, message) = EntryCap(entry, displayName);
        if (entry.Length > cap)
        {
            throw new UploadLimitExceededException(limit, message);
        }

        try
        {
            await using var decompressed = new LimitedReadStream(entry.Open(), cap, limit, message, budget.CountDecompressed);
            var window = ArrayPool<byte>.Shared.Rent(Limits.HeaderWindowBytes);
            try
            {
                var filled = await FillAsync(decompressed, window.AsMemory(0, Limits.HeaderWindowBytes), cancellationToken);
                await StoreIfDicomAsync(window.AsMemory(0, filled), filled < Limits.HeaderWindowBytes, decompressed, displayName, cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(window);
            }
        }
        catch (InvalidDataException)
        {
            budget.CountFile();
            _rejected.Add(new RejectedFile(displayName, "The zip entry is corrupt or uses an unsupported compression method."));
        }
    }

    /// <summary>The smaller of the per-file cap and the compression-ratio cap, with the name of the one that binds.</summary>
    private (long Cap, string Limit, string Message) EntryCap(ZipArchiveEntry entry, string displayName)
    {
        var ratioCap = Math.Max(1, entry.CompressedLength) * (long)Limits.MaxCompressionRatio;
        return ratioCap < Limits.MaxFileSizeBytes
            ? (ratioCap, nameof(UploadLimitsOptions.MaxCompressionRatio),
                $"'{displayName}' decompresses more than {Limits.MaxCompressionRatio} times its compressed size.")
            : (Limits.MaxFileSizeBytes, nameof(UploadLimitsOptions.MaxFileSizeBytes),
                $"'{displayName}' is larger than {Limits.MaxFileSizeBytes} bytes.");
    }

    private async Task StoreIfDicomAsync(
        ReadOnlyMemory<byte> window, bool windowHoldsWholeFile, Stream rest, string fileName, CancellationToken cancellationToken)
    {
        budget.CountFile();
        var inspection = DicomPartInspector.Inspect(window, windowHoldsWholeFile);
        if (!inspection.IsDicom)
        {
            _rejected.Add(new RejectedFile(fileName, inspection.RejectionReason));
            return;
        }

        var content = new PrefixedStream(window, rest);
        var (sopInstanceUid, seriesInstanceUid) = (inspection.SopInstanceUid, inspection.SeriesInstanceUid);
        if (deidentifier is not null)
        {
            if (await DeidentifyAsync(content, fileName, cancellationToken) is not { } clean)
            {
                return;
            }

            content = new PrefixedStream(clean, Stream.Null);
            (sopInstanceUid, seriesInstanceUid) = (deidentifier.MappedUid(sopInstanceUid), deidentifier.MappedUid(seriesInstanceUid));
        }

        var number = _accepted.Count + 1;
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("store instance", ActivityKind.Internal);
        activity?.SetTag("headct.study_id", studyId);
        activity?.SetTag("headct.instance_number", number);
        var size = await studies.WriteInstanceAsync(studyId, number, content, cancellationToken);
        _accepted.Add(new AcceptedInstance(fileName, sopInstanceUid, seriesInstanceUid, size));
        StoredBytes += size;
    }

    /// <summary>
    /// The whole file is read (it is already capped at MaxFileSizeBytes) because the cleaned header changes length;
    /// a file our reader or writer cannot round-trip is refused rather than stored with its identifiers.
    /// </summary>
    private async Task<byte[]?> DeidentifyAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        using var whole = new MemoryStream();
        await content.CopyToAsync(whole, cancellationToken);
        try
        {
            return deidentifier!.Deidentify(whole.GetBuffer().AsMemory(0, (int)whole.Length));
        }
        catch (DicomException e)
        {
            _rejected.Add(new RejectedFile(fileName, $"Could not be de-identified: {e.Kind}."));
            return null;
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

    private static string FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : HeaderUtilities.RemoveQuotes(disposition.FileName);
        var value = name.Value ?? "";
        // Only the last path segment: browsers may send folder paths, and the name is echoed back.
        var slash = Math.Max(value.LastIndexOf('/'), value.LastIndexOf('\\'));
        return slash >= 0 ? value[(slash + 1)..] : value;
    }
}
