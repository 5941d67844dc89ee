using System.Buffers;
using System.IO.Pipelines;

namespace HeadCt.Dimse.Transport;

/// <summary>
/// Reads PDUs from a pipe in two steps, so a caller can refuse a PDU by its header before its body is buffered:
/// <see cref="ReadHeaderAsync"/>, then <see cref="ReadBodyAsync"/>, then <see cref="Consume"/>.
/// </summary>
public sealed class PduReader(PipeReader input)
{
    private ReadOnlySequence<byte> _buffer;
    private PduHeader _header;
    private bool _holding;

    /// <summary>The next PDU header, or null when the peer closed the connection between PDUs.</summary>
    public async ValueTask<PduHeader?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        Release();
        _buffer = await FillAsync(PduHeader.Size, cancellationToken);
        _holding = true;
        if (_buffer.Length < PduHeader.Size)
        {
            var partial = _buffer.Length;
            Release();
            return partial == 0 ? null : throw new TransportClosedException($"The connection ended inside a PDU header ({partial} of 6 bytes)");
        }

        Span<byte> bytes = stackalloc byte[PduHeader.Size];
        _buffer.Slice(0, PduHeader.Size).CopyTo(bytes);
        _header = PduHeader.Parse(bytes);
        return _header;
    }

    /// <summary>The body of the PDU whose header was just read; valid until <see cref="Consume"/>. The caller bounds its length first.</summary>
    public async ValueTask<ReadOnlySequence<byte>> ReadBodyAsync(CancellationToken cancellationToken)
    {
        var total = PduHeader.Size + (long)_header.Length;
        if (_buffer.Length < total)
        {
            input.AdvanceTo(_buffer.Start);
            _holding = false;
            _buffer = await FillAsync(total, cancellationToken);
            _holding = true;
            if (_buffer.Length < total)
            {
                var received = _buffer.Length - PduHeader.Size;
                Release();
                throw new TransportClosedException($"The connection ended inside a PDU: {received} of {_header.Length} bytes arrived");
            }
        }

        return _buffer.Slice(PduHeader.Size, _header.Length);
    }

    /// <summary>
    /// Reads until at least <paramref name="count"/> bytes are buffered or the peer closed, marking what was seen as
    /// examined each time round so the next read waits for new bytes. (Kestrel's transport pipe did not always wake
    /// <c>ReadAtLeastAsync</c> for a PDU arriving in two TCP segments; this loop is the plain ReadAsync contract.)
    /// </summary>
    private async ValueTask<ReadOnlySequence<byte>> FillAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            if (result.Buffer.Length >= count || result.IsCompleted)
                return result.Buffer;
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Moves past the PDU whose header (and body) was read.</summary>
    public void Consume()
    {
        if (!_holding)
            return;
        input.AdvanceTo(_buffer.GetPosition(PduHeader.Size + (long)_header.Length));
        _holding = false;
    }

    /// <summary>Reads and drops everything until the peer closes the connection (PS3.8 Sta13) or the token fires.</summary>
    public async Task DrainUntilClosedAsync(CancellationToken cancellationToken)
    {
        if (_holding)
        {
            input.AdvanceTo(_buffer.End);
            _holding = false;
        }

        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
                return;
        }
    }

    /// <summary>Keeps nothing examined: the next read waits for more input only when needed.</summary>
    private void Release()
    {
        if (!_holding)
            return;
        input.AdvanceTo(_buffer.Start);
        _holding = false;
    }
}
