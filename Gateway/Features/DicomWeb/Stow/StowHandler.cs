using System.Buffers;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.DicomWeb.Http;
using HeadCt.Gateway.Features.DicomWeb.Json;
using HeadCt.Gateway.Features.Index;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Streams;
using HeadCt.Gateway.Problems;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HeadCt.Gateway.Features.DicomWeb.Stow;

/// <summary>
/// STOW-RS (PS3.18 §10.5): <c>multipart/related; type="application/dicom"</c>, each part a Part 10 instance, stored
/// and processed like an upload (one study of ours per request). The answer is the Store Instances Response Module
/// in application/dicom+json: Referenced SOP Sequence (with Retrieve URL and Warning Reason), Failed SOP Sequence
/// (with Failure Reason); 200 all stored, 202 some stored with failures or warnings, 409 none stored, 415 another
/// media type. The upload limits (part size, total size, part count) apply; crossing one stores nothing (413).
/// </summary>
public sealed class StowHandler(InstanceIngest ingest, StudyCommit commit, ILogger<StowHandler> logger)
{
    private const string DicomMediaType = "application/dicom";

    private static readonly DicomTag RetrieveUrl = new(0x0008, 0x1190);
    private static readonly DicomTag FailedSopSequence = new(0x0008, 0x1198);
    private static readonly DicomTag ReferencedSopSequence = new(0x0008, 0x1199);
    private static readonly DicomTag ReferencedSopClassUid = new(0x0008, 0x1150);
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    private static readonly DicomTag FailureReason = new(0x0008, 0x1197);
    private static readonly DicomTag WarningReason = new(0x0008, 0x1196);

    public async Task<IResult> StoreAsync(HttpContext context, string? study, CancellationToken cancellationToken)
    {
        if (study is not null && !DicomWebUrls.IsUid(study))
        {
            return DicomWebProblems.Query("The Study Instance UID in the path is not a UID (digits and dots, at most 64).");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(AcceptHeader.Parameter(contentType, "type"), DicomMediaType, StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return DicomWebProblems.Unsupported(
                $"The request is '{context.Request.ContentType}'. Send Part 10 instances as multipart/related; type=\"application/dicom\" with a boundary " +
                "(the metadata-and-bulk-data form, type=\"application/dicom+json\", is not supported).");
        }

        if (AcceptHeader.From(context.Request).FirstMatching("application/dicom+json", "application/json") is null)
        {
            return DicomWebProblems.CannotServe("The STOW-RS response is application/dicom+json.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null; // our own count enforces MaxTotalBytes with a problem response
        }

        var limits = ingest.Limits;
        var body = new LimitedReadStream(context.Request.Body, limits.MaxTotalBytes, nameof(IngestLimitsOptions.MaxTotalBytes),
            $"The request is larger than {limits.MaxTotalBytes} bytes.");
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        var session = ingest.StartSession(IngestSources.Stow);
        var outcomes = new List<StowOutcome>();
        try
        {
            await ReadPartsAsync(reader, session, study, outcomes, cancellationToken);
        }
        catch (IngestLimitExceededException e)
        {
            await commit.AbandonAsync(session);
            return GatewayProblems.TooLarge(e.Limit, e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            await commit.AbandonAsync(session);
            return GatewayProblems.BadRequest("Malformed multipart body.", "The multipart/related body could not be read; nothing was stored.");
        }
        catch (StorageUnavailableException)
        {
            await commit.AbandonAsync(session);
            return GatewayProblems.StorageUnavailable();
        }
        catch
        {
            await commit.AbandonAsync(session);
            throw;
        }

        if (session.Accepted.Count == 0)
        {
            await commit.AbandonAsync(session);
            IndexLog.StowStoredNothing(logger, outcomes.Count);
            return Respond(context, outcomes, StatusCodes.Status409Conflict);
        }

        switch (await commit.CommitAsync(session, claim: null, cancellationToken))
        {
            case CommitOutcome.StorageUnavailable:
                return GatewayProblems.StorageUnavailable();
            case CommitOutcome.ProcessorUnavailable unavailable:
                IndexLog.StowNotQueued(logger, session.StudyId, unavailable.Error);
                return GatewayProblems.ProcessorUnavailable();
        }

        IndexLog.StowStored(logger, session.StudyId, session.Accepted.Count, outcomes.Count(outcome => !outcome.IsStored));
        var allClean = outcomes.All(outcome => outcome.IsStored && outcome.WarningReason is null);
        return Respond(context, outcomes, allClean ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Each part through the ingest seam; a part of another media type or study fails alone, a crossed limit stores
    /// nothing of the request (413, like an upload).
    /// </summary>
    private async Task ReadPartsAsync(
        MultipartReader reader, IngestSession session, string? study, List<StowOutcome> outcomes, CancellationToken cancellationToken)
    {
        const string OtherStudy = "Its Study Instance UID is not the one in the request URL.";
        Func<InstanceHeader, string?>? sameStudy = study is null ? null : header => header.StudyInstanceUid == study ? null : OtherStudy;
        var parts = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var name = $"part {++parts}";
            if (section.ContentType is { } partType && (!MediaTypeHeaderValue.TryParse(partType, out var parsed) ||
                    !parsed.MediaType.Equals(DicomMediaType, StringComparison.OrdinalIgnoreCase)))
            {
                session.Budget.CountFile();
                var reason = $"{name} is {partType}, not {DicomMediaType}.";
                session.Reject(name, reason);
                outcomes.Add(StowOutcome.Failed(null, null, StowOutcome.CannotUnderstand, reason));
                continue;
            }

            var outcome = await ingest.IngestAsync(session, section.Body, name, cancellationToken, sameStudy);
            outcomes.Add(outcome switch
            {
                InstanceOutcome.Accepted accepted => StowOutcome.Stored(accepted.Header?.SopClassUid, accepted.Instance.SopInstanceUid,
                    accepted.Instance.SeriesInstanceUid, accepted.Instance.StudyInstanceUid ?? string.Empty, coerced: session.Deidentifier is not null),
                InstanceOutcome.Rejected { Limit: { } limit } rejected => throw new IngestLimitExceededException(limit, rejected.File.Reason),
                InstanceOutcome.Rejected rejected => StowOutcome.Failed(rejected.Header?.SopClassUid, rejected.Header?.SopInstanceUid,
                    rejected.File.Reason == OtherStudy ? StowOutcome.StudyMismatch : StowOutcome.CannotUnderstand, rejected.File.Reason),
                _ => throw new InvalidOperationException($"Unknown ingest outcome {outcome}."),
            });
        }
    }

    private static IResult Respond(HttpContext context, IReadOnlyList<StowOutcome> outcomes, int status)
    {
        var baseUrl = DicomWebUrls.Base(context.Request);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var studies = outcomes.Where(outcome => outcome.IsStored).Select(outcome => outcome.StudyInstanceUid).Distinct().ToList();
            if (studies is [{ Length: > 0 } only])
            {
                DicomJsonWriter.WriteValue(json, RetrieveUrl, DicomVr.UR, DicomWebUrls.Study(baseUrl, only));
            }

            WriteSequence(json, FailedSopSequence, outcomes.Where(outcome => !outcome.IsStored), (item, outcome) =>
            {
                DicomJsonWriter.WriteValue(item, ReferencedSopClassUid, DicomVr.UI, outcome.SopClassUid);
                DicomJsonWriter.WriteValue(item, ReferencedSopInstanceUid, DicomVr.UI, outcome.SopInstanceUid);
                DicomJsonWriter.WriteValue(item, FailureReason, DicomVr.US, (int)outcome.FailureReason!.Value);
            });
            WriteSequence(json, ReferencedSopSequence, outcomes.Where(outcome => outcome.IsStored), (item, outcome) =>
            {
                DicomJsonWriter.WriteValue(item, ReferencedSopClassUid, DicomVr.UI, outcome.SopClassUid);
                DicomJsonWriter.WriteValue(item, ReferencedSopInstanceUid, DicomVr.UI, outcome.SopInstanceUid);
                if (outcome.WarningReason is { } warning)
                {
                    DicomJsonWriter.WriteValue(item, WarningReason, DicomVr.US, (int)warning);
                }

                DicomJsonWriter.WriteValue(item, RetrieveUrl, DicomVr.UR,
                    DicomWebUrls.Instance(baseUrl, outcome.StudyInstanceUid!, outcome.SeriesInstanceUid!, outcome.SopInstanceUid!));
            });
            json.WriteEndObject();
        }

        return new DicomJsonResult(buffer.WrittenMemory, status);
    }

    private static void WriteSequence(Utf8JsonWriter json, DicomTag tag, IEnumerable<StowOutcome> items, Action<Utf8JsonWriter, StowOutcome> write)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        json.WritePropertyName(DicomJsonWriter.TagKey(tag));
        json.WriteStartObject();
        json.WriteString("vr", "SQ");
        json.WriteStartArray("Value");
        foreach (var item in list)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
