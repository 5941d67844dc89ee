using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Upload.Zip;
using HeadCt.Gateway.Streams;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// The multipart/form-data body of <c>POST /upload</c>, part by part: a DICOM file goes to <see cref="InstanceIngest"/>
/// as it streams in, a zip archive to <see cref="ZipStudyReader"/>, anything in another form field is rejected with its
/// reason. Every file part is also hashed into the upload's <see cref="UploadFingerprint"/>. Any limit crossed ends
/// the upload with <see cref="IngestLimitExceededException"/> (413); with <c>fingerprintOnly</c> nothing is stored.
/// </summary>
internal sealed class MultipartUploadReader(InstanceIngest? ingest, IngestSession? session, UploadFingerprint fingerprint)
{
    public const string FilesField = "files";
    private const int SignatureBytes = 4;

    /// <summary>Only the fingerprint of a body, for a request whose Idempotency-Key was used before.</summary>
    public static async Task<string> FingerprintAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        using var fingerprint = new UploadFingerprint();
        await new MultipartUploadReader(null, null, fingerprint).ReadAllAsync(reader, cancellationToken);
        return fingerprint.Complete();
    }

    public async Task ReadAllAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                !disposition.IsFileDisposition())
            {
                continue; // plain form fields carry no file
            }

            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            var fileName = FileNameOf(disposition);
            await using var part = fingerprint.Track(field, fileName, section.Body);
            if (ingest is not null && session is not null)
            {
                if (!string.Equals(field, FilesField, StringComparison.OrdinalIgnoreCase))
                {
                    session.Budget.CountFile();
                    session.Reject(fileName, $"Files must be sent in the form field '{FilesField}'.");
                }
                else
                {
                    await ReadFileAsync(ingest, session, part, fileName, cancellationToken);
                }
            }

            await part.DrainAsync(cancellationToken);
        }
    }

    private static async Task ReadFileAsync(InstanceIngest ingest, IngestSession session, Stream body, string fileName, CancellationToken cancellationToken)
    {
        var limits = session.Budget.Limits;
        var part = new LimitedReadStream(body, limits.MaxFileSizeBytes, nameof(IngestLimitsOptions.MaxFileSizeBytes),
            $"'{fileName}' is larger than {limits.MaxFileSizeBytes} bytes.", ownsInner: false);
        var signature = new byte[SignatureBytes];
        var filled = await part.ReadAtLeastAsync(signature, SignatureBytes, throwOnEndOfStream: false, cancellationToken);
        var prefix = signature.AsMemory(0, filled);
        if (ZipSignature.IsZip(prefix.Span))
        {
            await new ZipStudyReader(ingest, session).ReadAsync(prefix, part, fileName, cancellationToken);
            return;
        }

        var outcome = await ingest.IngestAsync(session, new PrefixedStream(prefix, part), fileName, cancellationToken);
        if (outcome is InstanceOutcome.Rejected { Limit: { } limit } rejected)
        {
            throw new IngestLimitExceededException(limit, rejected.File.Reason);
        }
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
