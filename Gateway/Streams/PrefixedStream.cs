using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Streams;

/// <summary>Replays an already-read header window, then continues with the rest of the source.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardReadStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty)
        {
            return rest.Read(buffer);
        }

        return TakePrefix(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty)
        {
            return rest.ReadAsync(buffer, cancellationToken);
        }

        return ValueTask.FromResult(TakePrefix(buffer.Span));
    }

    private int TakePrefix(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _prefix.Length);
        _prefix.Span[..count].CopyTo(destination);
        _prefix = _prefix[count..];
        return count;
    }
}
