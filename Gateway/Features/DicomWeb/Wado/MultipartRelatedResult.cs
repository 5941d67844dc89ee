using System.Security.Cryptography;
using System.Text;

namespace HeadCt.Gateway.Features.DicomWeb.Wado;

/// <summary>One body part of a multipart/related answer: its Content-Type and how to write its bytes.</summary>
public sealed record MultipartPart(string ContentType, Func<Stream, CancellationToken, Task> WriteBodyAsync, string? ContentLocation = null);

/// <summary>
/// A multipart/related response (RFC 2387, PS3.18 §8.7.3.3.2) streamed part by part, so a whole study is never held
/// in memory: each part is written as soon as it is read from storage.
/// </summary>
public sealed class MultipartRelatedResult(string rootType, IAsyncEnumerable<MultipartPart> parts, string? transferSyntax = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var boundary = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"multipart/related; type=\"{rootType}\"; boundary={boundary}" +
                               (transferSyntax is null ? string.Empty : $"; transfer-syntax={transferSyntax}");
        var body = response.Body;
        await foreach (var part in parts.WithCancellation(cancellationToken))
        {
            var head = new StringBuilder().Append("\r\n--").Append(boundary).Append("\r\nContent-Type: ").Append(part.ContentType);
            if (part.ContentLocation is not null)
            {
                head.Append("\r\nContent-Location: ").Append(part.ContentLocation);
            }

            head.Append("\r\n\r\n");
            await body.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
            await part.WriteBodyAsync(body, cancellationToken);
        }

        await body.WriteAsync(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"), cancellationToken);
    }
}
