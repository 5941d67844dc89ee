namespace HeadCt.Gateway.Streams;

/// <summary>
/// A forward-only, read-only view of another stream that sees the size of every read: the base of the streams that
/// count or cap what an upload sends. It does not own <c>inner</c> unless a derived class disposes it.
/// </summary>
internal abstract class ReadOnlyPassThroughStream(Stream inner) : ForwardReadStream
{
    protected Stream Inner { get; } = inner;

    public long BytesRead { get; private set; }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Passed(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Passed(await Inner.ReadAsync(buffer, cancellationToken));

    /// <summary>Called after every read with its size and the running total; may throw to end the read.</summary>
    protected virtual void OnRead(int bytesRead, long totalBytesRead)
    {
    }

    private int Passed(int bytesRead)
    {
        BytesRead += bytesRead;
        OnRead(bytesRead, BytesRead);
        return bytesRead;
    }
}
