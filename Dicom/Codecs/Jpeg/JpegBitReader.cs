using System.Runtime.CompilerServices;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded data (ITU T.81 §F.2.2.5): drops the 0x00 stuffed after 0xFF and stops at the next marker.
/// Past a marker or the end of the frame it supplies zero bits, counting them, so that the scan decoder can
/// report a truncated stream (<see cref="HasReadPastEnd"/>) without any risk of reading out of bounds.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _bits;      // the low _count bits are unread, most significant first
    private int _count;
    private int _paddingBits; // how many of the unread bits are zero padding past the data
    private bool _atMarker;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>Byte offset of the next byte not yet loaded, for error messages.</summary>
    public readonly int Position => _position;

    /// <summary>True when bits beyond the entropy-coded data were consumed: the stream is truncated or corrupt.</summary>
    public readonly bool HasReadPastEnd => _paddingBits > _count;

    /// <summary>Decodes one Huffman-coded value (§F.2.2.3), or throws when no code matches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeHuffman(JpegHuffmanTable table)
    {
        if (_count < 16)
            Fill();

        var entry = table.Lookup((int)(_bits >> (_count - JpegHuffmanTable.LookupBits)) & ((1 << JpegHuffmanTable.LookupBits) - 1));
        if (entry == 0)
        {
            entry = table.DecodeLong((int)(_bits >> (_count - 16)) & 0xFFFF);
            if (entry < 0)
                throw JpegErrors.Corrupt("entropy-coded data holds a bit pattern that is no code of its Huffman table", _position);
        }

        _count -= entry >> 8;
        return entry & 0xFF;
    }

    /// <summary>Reads <paramref name="length"/> bits (0–16) as a magnitude category and extends its sign (§F.2.2.1 EXTEND).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int length)
    {
        if (length == 0)
            return 0;
        if (_count < length)
            Fill();

        var value = (int)(_bits >> (_count - length)) & ((1 << length) - 1);
        _count -= length;
        return value < 1 << (length - 1) ? value - (1 << length) + 1 : value;
    }

    /// <summary>
    /// Expects the restart marker RSTm (§E.2.4) after the current interval, skipping the padding bits of its
    /// last byte, and resets the reader to the data after it.
    /// </summary>
    public void ReadRestartMarker(int expectedIndex)
    {
        var marker = FindMarker(_data, _position);
        if (marker + 1 >= _data.Length || _data[marker + 1] != JpegMarkers.Rst0 + expectedIndex)
            throw JpegErrors.Corrupt($"expected restart marker RST{expectedIndex} here", marker);

        _position = marker + 2;
        _bits = 0;
        _count = 0;
        _paddingBits = 0;
        _atMarker = false;
    }

    /// <summary>
    /// Position of the 0xFF that starts the next marker at or after <paramref name="position"/>, skipping
    /// entropy-coded bytes (and stuffed zeros); the data length when there is none.
    /// </summary>
    public static int FindMarker(ReadOnlySpan<byte> data, int position)
    {
        for (var i = position; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] != 0x00 && data[i + 1] != 0xFF)
                return i;
        }

        return data.Length;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            uint next = 0;
            if (!_atMarker && _position < _data.Length)
            {
                next = _data[_position];
                if (next != 0xFF)
                {
                    _position++;
                }
                else if (_position + 1 < _data.Length && _data[_position + 1] == 0x00)
                {
                    _position += 2;
                }
                else
                {
                    _atMarker = true;
                    next = 0;
                }
            }
            else
            {
                _atMarker = true;
            }

            if (_atMarker)
                _paddingBits += 8;
            _bits = (_bits << 8) | next;
            _count += 8;
        }
    }
}
