using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Features.Index;

/// <summary>
/// Passes an instance through to storage unchanged and keeps a copy of its first bytes, so the index reads the header
/// of exactly what was stored without reading the blob back.
/// </summary>
internal sealed class HeaderCaptureStream(Stream inner, int captureBytes) : ForwardReadStream
{
    private readonly byte[] _captured = new byte[captureBytes];
    private int _capturedLength;

    public long BytesRead { get; private set; }

    public ReadOnlyMemory<byte> Captured => _captured.AsMemory(0, _capturedLength);

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Keep(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Keep(buffer.Span, read);
    }

    private int Keep(ReadOnlySpan<byte> buffer, int read)
    {
        var room = Math.Min(read, _captured.Length - _capturedLength);
        if (room > 0)
        {
            buffer[..room].CopyTo(_captured.AsSpan(_capturedLength));
            _capturedLength += room;
        }

        BytesRead += read;
        return read;
    }
}
