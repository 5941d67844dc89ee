namespace HeadCt.Dicom.Reading;

/// <summary>
/// The bytes being parsed: a whole input in memory, or a stream read only as far as the parser asks
/// (a header-only read must not consume pixel data).
/// </summary>
internal sealed class ByteSource
{
    // Bytes read from a stream are requested at most this many at a time, so a declared length larger than
    // the stream never becomes an allocation larger than the bytes that really arrive.
    private const int MaxStreamChunk = 1 << 20;

    private readonly Stream? _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _streamEnded;
    private readonly Action<long>? _onFilled;

    public ByteSource(byte[] buffer, int start, int length)
    {
        _buffer = buffer;
        _start = start;
        _end = start + length;
    }

    /// <param name="onFilled">Called with the number of input bytes read so far after each read (a guard may throw).</param>
    public ByteSource(Stream stream, Action<long>? onFilled = null)
    {
        _stream = stream;
        _buffer = new byte[4096];
        _onFilled = onFilled;
    }

    public byte[] Buffer => _buffer;

    /// <summary>Index in <see cref="Buffer"/> of the first input byte (positions below are buffer indices).</summary>
    public int Start => _start;

    /// <summary>Index one past the last input byte read so far.</summary>
    public int End => _end;

    public long OffsetOf(int position) => position - _start;

    /// <summary>True when <paramref name="count"/> bytes from <paramref name="position"/> are available, reading the stream as needed.</summary>
    public bool Has(int position, long count)
    {
        var needed = position + count;
        if (needed <= _end)
            return true;
        // Beyond what any array can hold: no amount of reading could satisfy it.
        if (_stream is null || _streamEnded || needed > Array.MaxLength)
            return false;
        return Fill(needed);
    }

    /// <summary>Bytes known to follow <paramref name="position"/>; for a stream, only those read so far.</summary>
    public long Remaining(int position) => _end - position;

    public bool IsFinite => _stream is null || _streamEnded;

    private bool Fill(long needed)
    {
        while (_end < needed)
        {
            var want = (int)Math.Min(needed - _end, MaxStreamChunk);
            if (_end + want > _buffer.Length)
                Grow(_end + want);
            int read;
            try
            {
                read = _stream!.Read(_buffer, _end, want);
            }
            catch (InvalidDataException e)
            {
                throw new DicomException(DicomErrorKind.NotDicom, "The input stream is corrupt: " + e.Message, offset: _end - _start, inner: e);
            }
            _onFilled?.Invoke(_end + Math.Max(read, 0) - _start);
            if (read <= 0)
            {
                _streamEnded = true;
                return false;
            }
            _end += read;
        }
        return true;
    }

    private void Grow(long minimum)
    {
        if (minimum > Array.MaxLength)
            throw new DicomException(DicomErrorKind.InvalidValueLength, "Input larger than 2 GB", offset: _end - _start);
        var size = (int)Math.Min(Array.MaxLength, Math.Max(minimum, (long)_buffer.Length * 2));
        // The old array stays alive for the element values already sliced from it.
        var grown = new byte[size];
        _buffer.AsSpan(0, _end).CopyTo(grown);
        _buffer = grown;
    }

    /// <summary>A stream of the input from <paramref name="position"/> on: buffered bytes first, then the rest of the stream.</summary>
    public Stream OpenTail(int position) => new TailStream(this, position);

    private sealed class TailStream(ByteSource source, int position) : Stream
    {
        private int _position = position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= source._end && !source.Has(_position, 1))
                return 0;
            var available = Math.Min(count, source._end - _position);
            source._buffer.AsSpan(_position, available).CopyTo(buffer.AsSpan(offset, available));
            _position += available;
            return available;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
