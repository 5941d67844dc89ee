using HeadCt.Gateway.Features.Ingest;

namespace HeadCt.Gateway.Streams;

/// <summary>
/// A read-only pass-through that throws <see cref="IngestLimitExceededException"/> once more than
/// <c>maxBytes</c> came through, so limits hold however the source lies about its length. Disposes its source
/// unless told not to.
/// </summary>
internal sealed class LimitedReadStream(
    Stream inner, long maxBytes, string limit, string message, Action<int>? onRead = null, bool ownsInner = true)
    : ReadOnlyPassThroughStream(inner)
{
    protected override void OnRead(int bytesRead, long totalBytesRead)
    {
        if (totalBytesRead > maxBytes)
        {
            throw new IngestLimitExceededException(limit, message);
        }

        onRead?.Invoke(bytesRead);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
