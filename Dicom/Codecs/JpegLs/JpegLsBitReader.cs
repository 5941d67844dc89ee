using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>
/// Reads the entropy-coded bits of one scan, most significant bit first, undoing the bit stuffing of
/// T.87 §9.1: after a 0xFF byte the encoder inserts a 0 bit, so the next byte carries only 7 data bits.
/// A 0xFF followed by a byte with its top bit set is a marker and ends the data.
/// </summary>
/// <remarks>
/// Past the end of the data the reader supplies zero bits, so decoding stays bounded; the scan decoder asks
/// <see cref="HasReadPastEnd"/> once per line to turn that into a truncation error.
/// </remarks>
internal ref struct JpegLsBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _cache;
    private int _bitCount;
    private int _paddingBits;
    private bool _previousByteWasFF;

    public JpegLsBitReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _position = start;
    }

    /// <summary>Offset of the next byte not yet loaded into the bit cache.</summary>
    public readonly int Position => _position;

    /// <summary>True when bits beyond the end of the scan data (or its terminating marker) were consumed.</summary>
    public readonly bool HasReadPastEnd => _paddingBits > _bitCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit()
    {
        if (_bitCount == 0)
            Fill();
        var bit = (int)(_cache >> 63);
        _cache <<= 1;
        _bitCount--;
        return bit;
    }

    /// <summary>Reads <paramref name="count"/> bits (0 to 32) as an unsigned number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int count)
    {
        if (count == 0)
            return 0;
        if (_bitCount < count)
            Fill();
        var value = (int)(_cache >> (64 - count));
        _cache <<= count;
        _bitCount -= count;
        return value;
    }

    /// <summary>
    /// Counts 0 bits up to and including the terminating 1 bit (the unary part of a Golomb code, T.87 §A.5.3)
    /// and returns the number of zeros; more than <paramref name="maxZeros"/> zeros is a corrupt code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnary(int maxZeros)
    {
        var zeros = 0;
        while (true)
        {
            var leading = BitOperations.LeadingZeroCount(_cache);
            if (leading < _bitCount)
            {
                zeros += leading;
                _cache <<= leading; // two shifts: a shift by 64 would be a no-op
                _cache <<= 1;
                _bitCount -= leading + 1;
                break;
            }

            zeros += _bitCount;
            _cache = 0;
            _bitCount = 0;
            if (zeros > maxZeros)
                break;
            Fill();
        }

        if (zeros > maxZeros)
            throw JpegLsErrors.Corrupt(
                _paddingBits > 0 ? "the scan data ends before the image is complete" : $"Golomb code longer than the limit of {maxZeros} zero bits",
                _position);
        return zeros;
    }

    /// <summary>
    /// A Golomb code LG(k, LIMIT) (T.87 §A.5.3): the unary quotient and k remainder bits in one step when both
    /// are in the cache, else bit by bit; an escape (<paramref name="escapeZeros"/> zeros) is followed by
    /// <paramref name="escapeBits"/> bits holding the value minus one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadGolomb(int k, int escapeZeros, int escapeBits)
    {
        if (_bitCount < 32)
            Fill();
        var zeros = BitOperations.LeadingZeroCount(_cache);
        var length = zeros + 1 + k;
        if (zeros < escapeZeros && length <= _bitCount)
        {
            var value = k == 0 ? zeros : (zeros << k) | (int)((_cache << (zeros + 1)) >> (64 - k));
            _cache = (_cache << 1) << (length - 1); // two shifts: a shift by 64 would be a no-op
            _bitCount -= length;
            return value;
        }

        zeros = ReadUnary(escapeZeros);
        return zeros < escapeZeros ? (zeros << k) | ReadBits(k) : ReadBits(escapeBits) + 1;
    }

    private void Fill()
    {
        // Fast path: eight bytes without a 0xFF (so without stuffing or markers) are loaded in one go.
        if (!_previousByteWasFF && _paddingBits == 0 && _position + 8 <= _data.Length)
        {
            var chunk = BinaryPrimitives.ReadUInt64BigEndian(_data[_position..]);
            var inverted = ~chunk;
            if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
            {
                var bytes = (64 - _bitCount) >> 3;
                _cache |= (chunk >> (64 - 8 * bytes)) << (64 - 8 * bytes - _bitCount);
                _bitCount += 8 * bytes;
                _position += bytes;
                return;
            }
        }

        while (_bitCount <= 56)
        {
            if (_paddingBits > 0 || _position >= _data.Length)
            {
                _bitCount += 8;
                _paddingBits += 8;
                continue;
            }

            var value = _data[_position];
            if (_previousByteWasFF)
            {
                // The top bit is the stuffed 0 (a set top bit would have been recognised as a marker).
                _cache |= (ulong)value << (57 - _bitCount);
                _bitCount += 7;
                _previousByteWasFF = false;
                _position++;
                continue;
            }

            if (value == 0xFF)
            {
                var next = _position + 1;
                if (next >= _data.Length || _data[next] >= 0x80)
                {
                    _bitCount += 8;
                    _paddingBits += 8;
                    continue;
                }

                _previousByteWasFF = true;
            }

            _cache |= (ulong)value << (56 - _bitCount);
            _bitCount += 8;
            _position++;
        }
    }
}
