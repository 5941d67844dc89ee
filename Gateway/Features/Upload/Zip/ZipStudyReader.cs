using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// A zip part of an upload: spooled to a temporary file (never to memory), its central directory streamed with the
/// entry cap, and every entry given to <see cref="InstanceIngest"/> through a CRC-32 and length check. An entry that
/// fails (corrupt, encrypted, unsupported method, overlapping another, leaving the archive's folder) is rejected with its reason; the
/// rest of the archive still counts. Limits crossed end the whole upload (<see cref="IngestLimitExceededException"/>).
/// </summary>
internal sealed class ZipStudyReader(InstanceIngest ingest, IngestSession session)
{
    private readonly ZipEntrySpans _spans = new();

    private IngestLimitsOptions Limits => session.Budget.Limits;

    public async Task ReadAsync(ReadOnlyMemory<byte> prefix, Stream rest, string archiveName, CancellationToken cancellationToken)
    {
        await using var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), "headct-upload-" + Guid.NewGuid().ToString("N") + ".zip"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await spool.WriteAsync(prefix, cancellationToken);
        await rest.CopyToAsync(spool, cancellationToken);
        await spool.FlushAsync(cancellationToken);

        ZipEndRecord end;
        try
        {
            end = ZipEndRecord.Read(spool.SafeFileHandle, spool.Length);
        }
        catch (ZipFormatException e)
        {
            session.Budget.CountFile();
            session.Reject(archiveName, $"Not a readable zip archive: {e.Message}");
            return;
        }

        try
        {
            await foreach (var entry in ZipCentralDirectory.ReadAsync(spool.SafeFileHandle, end, Limits.MaxZipEntries, archiveName, cancellationToken))
            {
                await ReadEntryAsync(spool, end, entry, $"{archiveName}/{entry.Name}", cancellationToken);
            }
        }
        catch (ZipFormatException e)
        {
            // Entries before the damage were read; the rest of the directory cannot be trusted.
            session.Budget.CountFile();
            session.Reject(archiveName, $"The zip archive is damaged: {e.Message}");
        }
    }

    private async Task ReadEntryAsync(FileStream spool, ZipEndRecord end, ZipEntryRecord entry, string displayName, CancellationToken cancellationToken)
    {
        if (entry.IsDirectory)
        {
            return;
        }

        if (!ZipEntryNames.IsSafe(entry.Name))
        {
            session.Budget.CountFile();
            session.Reject(displayName, "The zip entry's path leaves the archive's folder.");
            return;
        }

        var (cap, limit, message) = EntryCap(entry, displayName);
        if (entry.UncompressedSize > cap)
        {
            throw new IngestLimitExceededException(limit, message);
        }

        Stream content;
        try
        {
            content = ZipEntryContent.Open(spool.SafeFileHandle, entry, end.DirectoryOffset, _spans, displayName);
        }
        catch (ZipEntryException e)
        {
            session.Budget.CountFile();
            session.Reject(displayName, e.Message);
            return;
        }

        await using var capped = new LimitedReadStream(content, cap, limit, message, session.Budget.CountDecompressed);
        var outcome = await ingest.IngestAsync(session, capped, displayName, cancellationToken);
        if (outcome is InstanceOutcome.Rejected { Limit: { } crossed } rejected)
        {
            throw new IngestLimitExceededException(crossed, rejected.File.Reason);
        }
    }

    /// <summary>The smaller of the per-file cap and the compression-ratio cap, with the name of the one that binds.</summary>
    private (long Cap, string Limit, string Message) EntryCap(ZipEntryRecord entry, string displayName)
    {
        var ratioCap = Math.Max(1, entry.CompressedSize) * (long)Limits.MaxCompressionRatio;
        return ratioCap < Limits.MaxFileSizeBytes
            ? (ratioCap, nameof(IngestLimitsOptions.MaxCompressionRatio),
                $"'{displayName}' decompresses more than {Limits.MaxCompressionRatio} times its compressed size.")
            : (Limits.MaxFileSizeBytes, nameof(IngestLimitsOptions.MaxFileSizeBytes),
                $"'{displayName}' is larger than {Limits.MaxFileSizeBytes} bytes.");
    }
}
