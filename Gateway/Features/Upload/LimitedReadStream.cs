using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// A read-only pass-through that throws <see cref="UploadLimitExceededException"/> once more than
/// <c>maxBytes</c> came through, so limits hold however the source lies about its length. Disposes its source.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long maxBytes, string limit, string message, Action<int>? onRead = null)
    : ReadOnlyPassThroughStream(inner)
{
    protected override void OnRead(int bytesRead, long totalBytesRead)
    {
        if (totalBytesRead > maxBytes)
        {
            throw new UploadLimitExceededException(limit, message);
        }

        onRead?.Invoke(bytesRead);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
