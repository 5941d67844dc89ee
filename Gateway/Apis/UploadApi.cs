using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Problems;
using HeadCt.Gateway.Streams;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HeadCt.Gateway.Apis;

public static class UploadApi
{
    public static IEndpointRouteBuilder MapUploadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/upload", UploadAsync)
            .WithName("UploadStudy")
            .WithSummary("Upload DICOM files or zip archives of them (multipart field 'files'); queues the study for processing.")
            .WithTags("Upload")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<UploadResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        UploadService uploads,
        IOptions<IngestLimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return GatewayProblems.UnsupportedMediaType();
        }

        if (idempotencyKey is not null && !IdempotencyKey.IsValid(idempotencyKey))
        {
            return GatewayProblems.BadRequest("Invalid Idempotency-Key.",
                $"The key is 1-{IdempotencyKey.MaxLength} visible ASCII characters.");
        }

        // Our own count below enforces MaxTotalBytes with a problem response; Kestrel's default 30 MB cap would not.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        var settings = limits.Value;
        var body = new LimitedReadStream(context.Request.Body, settings.MaxTotalBytes,
            nameof(IngestLimitsOptions.MaxTotalBytes), $"The request is larger than {settings.MaxTotalBytes} bytes.");
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        var keyHash = idempotencyKey is null ? null : IdempotencyKey.Scope(context.User, idempotencyKey);

        // However steadily a client sends, one upload ends after MaxDuration (Kestrel's minimum rate bounds only the pace).
        using var duration = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        duration.CancelAfter(settings.MaxDuration);
        UploadOutcome outcome;
        try
        {
            outcome = await uploads.UploadAsync(reader, keyHash, duration.Token);
        }
        catch (OperationCanceledException) when (duration.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return GatewayProblems.UploadTimeout(settings.MaxDuration);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel cut the body off below Upload:MinBodyBytesPerSecond; it closes the connection after this answer.
            return GatewayProblems.TooSlow(settings.MinBodyBytesPerSecond);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return GatewayProblems.BadRequest("Malformed multipart body.", "The multipart/form-data body could not be read.");
        }

        return outcome switch
        {
            UploadOutcome.Accepted accepted => Results.Json(accepted.Response, GatewayJson.Options,
                statusCode: StatusCodes.Status202Accepted).WithHeader("Location", $"/results/{accepted.Response.Id}"),
            UploadOutcome.NoDicom noDicom => GatewayProblems.NotDicom(noDicom.Rejected),
            UploadOutcome.TooLarge tooLarge => GatewayProblems.TooLarge(tooLarge.Limit, tooLarge.Detail),
            UploadOutcome.KeyReused => GatewayProblems.IdempotencyKeyReused(),
            UploadOutcome.StorageUnavailable => GatewayProblems.StorageUnavailable(),
            UploadOutcome.ProcessorUnavailable unavailable => GatewayProblems.ProcessorUnavailable(unavailable.Error),
            _ => throw new InvalidOperationException($"Unknown upload outcome {outcome}."),
        };
    }
}
