namespace HeadCt.Gateway.Audit;

/// <summary>
/// Lines of a stream with the byte offset after each, read through a fixed buffer. A line longer than the limit is
/// skipped (the trail's events are a few hundred bytes; such a line is not one of ours).
/// </summary>
internal sealed class JsonLineReader(Stream content, long startOffset, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[Math.Max(maxLineBytes, 8192)];
    private int _start;
    private int _end;
    private long _offset = startOffset;
    private bool _finished;

    public async Task<(ReadOnlyMemory<byte> Bytes, long NextOffset)?> NextAsync(CancellationToken cancellationToken)
    {
        var skipping = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _offset += newline - _start + 1;
                _start = newline + 1;
                if (skipping || line.IsEmpty)
                {
                    skipping = false;
                    continue;
                }

                return (line, _offset);
            }

            if (_finished)
            {
                return null; // a last line without its newline is still being written
            }

            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }

            if (_end == _buffer.Length)
            {
                _offset += _end;
                (_start, _end, skipping) = (0, 0, true);
            }

            var read = await content.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _finished = read == 0;
            _end += read;
        }
    }
}
