namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// A decoding Huffman table (ITU T.81 Annex C and §F.2.2.3), with a lookup of the first
/// <see cref="LookupBits"/> bits so that most codes decode with one table access.
/// </summary>
internal sealed class JpegHuffmanTable
{
    public const int LookupBits = 9;

    // Lookup entry: (code length << 8) | value, or 0 when the code is longer than LookupBits.
    private readonly ushort[] _lookup = new ushort[1 << LookupBits];
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    /// <param name="codeCounts">BITS: number of codes of each length 1..16 (index 0 = length 1).</param>
    /// <param name="values">HUFFVAL, in order of increasing code length.</param>
    /// <param name="offset">Where the table definition starts in the frame, for error messages.</param>
    public JpegHuffmanTable(ReadOnlySpan<byte> codeCounts, ReadOnlySpan<byte> values, long offset)
    {
        _values = values.ToArray();

        // Annex C: codes of each length are consecutive integers, starting at (last code of the previous length + 1) << 1.
        var code = 0;
        var index = 0;
        for (var length = 1; length <= 16; length++)
        {
            var count = codeCounts[length - 1];
            // Codes of this length must fit in `length` bits (§C.2 also excludes the all-ones code, but decoders
            // conventionally accept it).
            if (code + count > 1 << length)
                throw JpegErrors.Corrupt("Huffman table has more codes than its code lengths allow", offset);
            _valueOffset[length] = index - code;
            if (count > 0)
            {
                if (length <= LookupBits)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var shift = LookupBits - length;
                        var first = (code + i) << shift;
                        var entry = (ushort)((length << 8) | _values[index + i]);
                        _lookup.AsSpan(first, 1 << shift).Fill(entry);
                    }
                }

                code += count;
                index += count;
                _maxCode[length] = code - 1;
            }
            else
            {
                _maxCode[length] = -1;
            }

            code <<= 1;
        }

        _maxCode[17] = int.MaxValue; // sentinel: decoding fails at length 17
    }

    /// <summary>Lookup entry for the next <see cref="LookupBits"/> bits (0 = longer code).</summary>
    public int Lookup(int peekedBits) => _lookup[peekedBits];

    /// <summary>
    /// Decodes a code longer than <see cref="LookupBits"/> from the next 16 bits (§F.2.2.3 DECODE).
    /// Returns (length << 8) | value, or -1 when no code matches.
    /// </summary>
    public int DecodeLong(int next16Bits)
    {
        for (var length = LookupBits + 1; length <= 16; length++)
        {
            var code = next16Bits >> (16 - length);
            if (code <= _maxCode[length])
            {
                var valueIndex = code + _valueOffset[length];
                return (uint)valueIndex < (uint)_values.Length ? (length << 8) | _values[valueIndex] : -1;
            }
        }

        return -1;
    }
}
