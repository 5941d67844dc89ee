using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Dicom.Pixels;
using HeadCt.Gateway.Features.DicomWeb.Http;
using HeadCt.Gateway.Features.DicomWeb.Json;
using HeadCt.Gateway.Features.Index;
using HeadCt.StudyIndex.Retrieve;

namespace HeadCt.Gateway.Features.DicomWeb.Wado;

/// <summary>
/// WADO-RS (PS3.18 §10.4): studies, series and instances as multipart/related application/dicom (as stored with
/// transfer-syntax=*, else Explicit VR Little Endian, the default), metadata in the DICOM JSON Model with BulkDataURIs,
/// frames (stored bytes, or decoded to Explicit VR Little Endian), bulk data, and rendered JPEG/PNG frames.
/// </summary>
public sealed class WadoHandler(InstanceLocator locator, InstanceBlobs blobs, ILogger<WadoHandler> logger)
{
    private const string DicomMediaType = "application/dicom";
    private const string OctetStream = "application/octet-stream";
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public async Task<IResult> RetrieveAsync(HttpContext context, string study, string? series, string? instance, CancellationToken cancellationToken)
    {
        if (Invalid(study, series, instance) is { } invalid)
        {
            return invalid;
        }

        if (NegotiateDicom(AcceptHeader.From(context.Request)) is not { } negotiated)
        {
            return DicomWebProblems.CannotServe("Instances are sent as multipart/related; type=\"application/dicom\".");
        }

        var instances = await locator.FindAsync(study, series, instance, withHeaders: false, cancellationToken);
        if (instances.Count == 0)
        {
            return DicomWebProblems.Missing(What(study, series, instance));
        }

        var target = negotiated.TransferSyntax ?? TransferSyntaxes.ExplicitVrLittleEndian;
        foreach (var stored in instances)
        {
            if (!CanSend(stored.TransferSyntaxUid, target))
            {
                return DicomWebProblems.CannotServe(
                    $"An instance is stored in {stored.TransferSyntaxUid} and cannot be sent in {target}; ask for transfer-syntax=* (as stored) or {TransferSyntaxes.ExplicitVrLittleEndian}.");
            }
        }

        return new MultipartRelatedResult(DicomMediaType, Parts(instances, target, cancellationToken),
            target == "*" ? null : target);
    }

    public async Task<IResult> MetadataAsync(HttpContext context, string study, string? series, string? instance, CancellationToken cancellationToken)
    {
        if (Invalid(study, series, instance) is { } invalid)
        {
            return invalid;
        }

        if (AcceptHeader.From(context.Request).FirstMatching("application/dicom+json", "application/json") is null)
        {
            return DicomWebProblems.CannotServe("Metadata is sent as application/dicom+json.");
        }

        var instances = await locator.FindAsync(study, series, instance, withHeaders: true, cancellationToken);
        if (instances.Count == 0)
        {
            return DicomWebProblems.Missing(What(study, series, instance));
        }

        var baseUrl = DicomWebUrls.Base(context.Request);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var stored in instances)
            {
                var instanceUrl = DicomWebUrls.Instance(baseUrl, stored.StudyInstanceUid, stored.SeriesInstanceUid, stored.SopInstanceUid);
                var header = DicomReader.Read(stored.Header!, HeaderOnly).Dataset;
                json.WriteStartObject();
                DicomJsonWriter.WriteDataset(json, header, element => $"{instanceUrl}/bulkdata/{DicomJsonWriter.TagKey(element.Tag)}");
                if (stored.HasPixelData)
                {
                    json.WritePropertyName(DicomJsonWriter.TagKey(DicomTags.PixelData));
                    json.WriteStartObject();
                    json.WriteString("vr", TransferSyntaxes.IsNative(stored.TransferSyntaxUid) && header.GetInt32(DicomTags.BitsAllocated) > 8 ? "OW" : "OB");
                    json.WriteString("BulkDataURI", $"{instanceUrl}/bulkdata/{DicomJsonWriter.TagKey(DicomTags.PixelData)}");
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return new DicomJsonResult(buffer.WrittenMemory);
    }

    public async Task<IResult> FramesAsync(HttpContext context, string study, string series, string instance, string frameList, CancellationToken cancellationToken)
    {
        if (Invalid(study, series, instance) is { } invalid)
        {
            return invalid;
        }

        if (ParseFrames(frameList) is not { } frames)
        {
            return DicomWebProblems.Query($"'{frameList}' is not a list of frame numbers (1, 2, … separated by commas).");
        }

        var (stored, file, failure) = await LoadAsync(study, series, instance, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (NegotiateFrames(AcceptHeader.From(context.Request), stored!.TransferSyntaxUid) is not { } form)
        {
            return DicomWebProblems.CannotServe(
                $"Frames of this instance (stored in {stored.TransferSyntaxUid}) are sent as multipart/related; type=\"application/octet-stream\" " +
                $"(decoded, or as stored with transfer-syntax=*){(TransferSyntaxes.FrameMediaType(stored.TransferSyntaxUid) is { } own ? $" or type=\"{own}\"" : string.Empty)}.");
        }

        var count = StoredFrames.Count(file!);
        if (frames.Any(frame => frame > count))
        {
            return DicomWebProblems.Missing($"frame beyond {count} in this instance");
        }

        var parts = new List<MultipartPart>();
        foreach (var frame in frames)
        {
            var bytes = form.Decoded ? DecodedFrame(file!, frame - 1) : StoredFrames.Frame(file!, frame - 1);
            parts.Add(new MultipartPart(form.PartType, (body, token) => body.WriteAsync(bytes, token).AsTask()));
        }

        return new MultipartRelatedResult(form.RootType, ToAsync(parts), form.Decoded ? TransferSyntaxes.ExplicitVrLittleEndian : null);
    }

    public async Task<IResult> BulkDataAsync(HttpContext context, string study, string series, string instance, string tagText, CancellationToken cancellationToken)
    {
        if (Invalid(study, series, instance) is { } invalid)
        {
            return invalid;
        }

        if (tagText.Length != 8 || !uint.TryParse(tagText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tagValue))
        {
            return DicomWebProblems.Query($"'{tagText}' is not a tag (eight hex digits).");
        }

        if (AcceptHeader.From(context.Request).FirstMatching("multipart/related") is null)
        {
            return DicomWebProblems.CannotServe("Bulk data is sent as multipart/related; type=\"application/octet-stream\".");
        }

        var (stored, file, failure) = await LoadAsync(study, series, instance, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var tag = new DicomTag(tagValue);
        if (file!.Dataset.Find(tag) is not { IsSequence: false } element)
        {
            return DicomWebProblems.Missing($"attribute {tagText} in this instance");
        }

        if (element.Fragments is not null)
        {
            var frames = Enumerable.Range(0, StoredFrames.Count(file))
                .Select(index => StoredFrames.Frame(file, index))
                .Select(bytes => new MultipartPart($"{OctetStream}; transfer-syntax={stored!.TransferSyntaxUid}", (body, token) => body.WriteAsync(bytes, token).AsTask()))
                .ToList();
            return new MultipartRelatedResult(OctetStream, ToAsync(frames));
        }

        var value = element.Value;
        return new MultipartRelatedResult(OctetStream, ToAsync([new MultipartPart(OctetStream, (body, token) => body.WriteAsync(value, token).AsTask())]));
    }

    public async Task<IResult> RenderedAsync(HttpContext context, string study, string series, string instance, string? frameText, CancellationToken cancellationToken)
    {
        if (Invalid(study, series, instance) is { } invalid)
        {
            return invalid;
        }

        var frame = 1;
        if (frameText is not null && (!int.TryParse(frameText, NumberStyles.None, CultureInfo.InvariantCulture, out frame) || frame < 1))
        {
            return DicomWebProblems.Query($"'{frameText}' is not a frame number.");
        }

        var accept = AcceptHeader.From(context.Request);
        var chosen = accept.FirstMatching("image/jpeg", "image/png");
        if (chosen is null)
        {
            return DicomWebProblems.CannotServe("Rendered images are image/jpeg or image/png.");
        }

        var png = new Microsoft.Net.Http.Headers.MediaTypeHeaderValue("image/png").IsSubsetOf(chosen) &&
                  !new Microsoft.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg").IsSubsetOf(chosen);
        RenderedFrame.Window? window;
        int quality;
        try
        {
            window = RenderedFrame.ParseWindow(context.Request.Query["window"]);
            quality = context.Request.Query["quality"] is { Count: > 0 } q
                ? int.TryParse(q[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100
                    ? value
                    : throw new FormatException("quality is a whole number from 1 to 100.")
                : 90;
        }
        catch (FormatException e)
        {
            return DicomWebProblems.Query(e.Message);
        }

        var (_, file, failure) = await LoadAsync(study, series, instance, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (frame > StoredFrames.Count(file!))
        {
            return DicomWebProblems.Missing($"frame {frame} in this instance");
        }

        try
        {
            var image = RenderedFrame.Render(file!, frame - 1, window, png, quality);
            return Microsoft.AspNetCore.Http.Results.Bytes(image, png ? "image/png" : "image/jpeg");
        }
        catch (DicomException e)
        {
            return DicomWebProblems.CannotServe($"This frame cannot be rendered: {e.Kind}.");
        }
    }

    private async Task<(StoredInstance? Stored, DicomFile? File, IResult? Failure)> LoadAsync(
        string study, string series, string instance, CancellationToken cancellationToken)
    {
        var found = await locator.FindAsync(study, series, instance, withHeaders: false, cancellationToken);
        if (found.Count == 0)
        {
            return (null, null, DicomWebProblems.Missing(What(study, series, instance)));
        }

        var stored = found[0];
        if (!stored.HasPixelData)
        {
            return (stored, null, DicomWebProblems.Missing("pixel data in this instance"));
        }

        var bytes = await blobs.ReadAsync(stored, cancellationToken);
        if (bytes is null)
        {
            return (stored, null, DicomWebProblems.Missing(What(study, series, instance)));
        }

        try
        {
            return (stored, DicomReader.Read(bytes), null);
        }
        catch (DicomException e)
        {
            IndexLog.UnreadableBlob(logger, stored.StudyId, stored.BlobNumber, e);
            return (stored, null, DicomWebProblems.UnreadableInstance($"The stored instance could not be read: {e.Kind}."));
        }
    }

    private static byte[] DecodedFrame(DicomFile file, int index)
    {
        var header = DicomImageHeader.From(file);
        var length = (long)header.Rows * header.Columns * header.SamplesPerPixel * (header.BitsAllocated <= 8 ? 1 : header.BitsAllocated <= 16 ? 2 : 4);
        var frame = new byte[length];
        PixelDataDecoder.DecodeFrame(file, index, frame);
        return frame;
    }

    private async IAsyncEnumerable<MultipartPart> Parts(
        IReadOnlyList<StoredInstance> instances, string target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var stored in instances)
        {
            var asStored = target == "*" || target == stored.TransferSyntaxUid;
            var contentType = $"{DicomMediaType}; transfer-syntax={(asStored ? stored.TransferSyntaxUid : target)}";
            if (asStored)
            {
                yield return new MultipartPart(contentType, async (body, token) =>
                {
                    if (!await blobs.CopyToAsync(stored, body, token))
                    {
                        throw new InvalidOperationException("An instance was deleted while it was being sent.");
                    }
                });
                continue;
            }

            var bytes = await blobs.ReadAsync(stored, cancellationToken)
                ?? throw new InvalidOperationException("An instance was deleted while it was being sent.");
            var transcoded = NativeTranscoder.ToExplicitLittleEndian(bytes);
            yield return new MultipartPart(contentType, (body, token) => body.WriteAsync(transcoded, token).AsTask());
        }
    }

    private static bool CanSend(string stored, string target) =>
        target == "*" || target == stored || (target == TransferSyntaxes.ExplicitVrLittleEndian && TransferSyntaxes.CanDecodeToNative(stored));

    private sealed record DicomForm(string? TransferSyntax);

    /// <summary>multipart/related; type="application/dicom" (or a wildcard); the first acceptable range wins.</summary>
    private static DicomForm? NegotiateDicom(AcceptHeader accept)
    {
        foreach (var range in accept.Ranges)
        {
            var mediaType = range.MediaType.ToString().ToLowerInvariant();
            var type = AcceptHeader.Parameter(range, "type");
            if (mediaType is "*/*" or "multipart/*" || (mediaType == "multipart/related" && (type is null || type.Equals(DicomMediaType, StringComparison.OrdinalIgnoreCase))) ||
                mediaType == DicomMediaType)
            {
                return new DicomForm(AcceptHeader.Parameter(range, "transfer-syntax"));
            }
        }

        return null;
    }

    private sealed record FrameForm(string RootType, string PartType, bool Decoded);

    /// <summary>
    /// application/octet-stream frames are decoded to Explicit VR Little Endian unless transfer-syntax is * or the
    /// stored syntax; a compressed media type (image/jls, image/jpeg, …) is served when it is the stored one.
    /// </summary>
    private static FrameForm? NegotiateFrames(AcceptHeader accept, string storedSyntax)
    {
        var own = TransferSyntaxes.FrameMediaType(storedSyntax);
        foreach (var range in accept.Ranges)
        {
            var mediaType = range.MediaType.ToString().ToLowerInvariant();
            var type = Unaliased(mediaType == "multipart/related" ? AcceptHeader.Parameter(range, "type")?.ToLowerInvariant() : mediaType);
            var syntax = AcceptHeader.Parameter(range, "transfer-syntax");
            if (type is null or "*/*" or "multipart/*" || type == OctetStream)
            {
                if (syntax == "*" || syntax == storedSyntax)
                {
                    return own is null
                        ? new FrameForm(OctetStream, $"{OctetStream}; transfer-syntax={storedSyntax}", Decoded: false)
                        : new FrameForm(own, $"{own}; transfer-syntax={storedSyntax}", Decoded: false);
                }

                if ((syntax is null || syntax == TransferSyntaxes.ExplicitVrLittleEndian) && TransferSyntaxes.CanDecodeToNative(storedSyntax))
                {
                    return new FrameForm(OctetStream, $"{OctetStream}; transfer-syntax={TransferSyntaxes.ExplicitVrLittleEndian}", Decoded: true);
                }
            }
            else if (own is not null && type == own && (syntax is null or "*" || syntax == storedSyntax))
            {
                return new FrameForm(own, $"{own}; transfer-syntax={storedSyntax}", Decoded: false);
            }
        }

        return null;
    }

    /// <summary>Pre-2021 spellings clients still send (dicomweb-client lists image/x-jls and image/x-dicom-rle).</summary>
    private static string? Unaliased(string? type) => type switch
    {
        "image/x-jls" => "image/jls",
        "image/x-dicom-rle" => "image/dicom-rle",
        _ => type,
    };

    private static int[]? ParseFrames(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var frames = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out frames[i]) || frames[i] < 1)
            {
                return null;
            }
        }

        return frames.Length is > 0 and <= 10_000 ? frames : null;
    }

    private static IResult? Invalid(string study, string? series, string? instance) =>
        DicomWebUrls.IsUid(study) && (series is null || DicomWebUrls.IsUid(series)) && (instance is null || DicomWebUrls.IsUid(instance))
            ? null
            : DicomWebProblems.Query("A UID in the path is not a UID (digits and dots, at most 64).");

    private static string What(string study, string? series, string? instance) =>
        instance is not null ? $"instance {instance} in series {series} of study {study}"
        : series is not null ? $"series {series} in study {study}"
        : $"study {study}";

    private static async IAsyncEnumerable<MultipartPart> ToAsync(IEnumerable<MultipartPart> parts)
    {
        foreach (var part in parts)
        {
            yield return part;
        }

        await Task.CompletedTask;
    }
}
