namespace HeadCt.Dicom.Codecs.Rle;

/// <summary>
/// Expands one RLE segment (a PackBits byte stream, PS3.5 §G.3.1) into one byte plane, writing every
/// <c>stride</c>-th byte of the destination so that planes land interleaved.
/// </summary>
internal static class PackBitsSegmentDecoder
{
    /// <param name="segment">The segment's bytes.</param>
    /// <param name="segmentOffset">Where the segment starts in the frame, for error offsets.</param>
    /// <param name="destination">Output, starting at this plane's first byte.</param>
    /// <param name="count">Number of bytes the plane holds (rows × columns).</param>
    /// <param name="stride">Distance between consecutive bytes of this plane in <paramref name="destination"/>.</param>
    public static void Decode(ReadOnlySpan<byte> segment, long segmentOffset, Span<byte> destination, int count, int stride)
    {
        var input = 0;
        var written = 0;
        while (written < count)
        {
            if (input >= segment.Length)
                throw RleErrors.Corrupt($"RLE segment ends after {written} of {count} bytes", segmentOffset + input);

            var header = (sbyte)segment[input++];
            if (header >= 0)
            {
                var literalLength = header + 1;
                if (input + literalLength > segment.Length)
                    throw RleErrors.Corrupt("RLE literal run goes past the end of its segment", segmentOffset + input - 1);
                if (written + literalLength > count)
                    throw RleErrors.Corrupt("RLE literal run goes past the end of the image plane", segmentOffset + input - 1);
                Copy(segment.Slice(input, literalLength), destination, written, stride);
                input += literalLength;
                written += literalLength;
            }
            else if (header != -128) // -128 is a no-op (PS3.5 §G.3.2)
            {
                var repeatLength = 1 - header;
                if (input >= segment.Length)
                    throw RleErrors.Corrupt("RLE replicate run has no byte to repeat", segmentOffset + input - 1);
                if (written + repeatLength > count)
                    throw RleErrors.Corrupt("RLE replicate run goes past the end of the image plane", segmentOffset + input - 1);
                Fill(segment[input++], destination, written, repeatLength, stride);
                written += repeatLength;
            }
        }
    }

    private static void Copy(ReadOnlySpan<byte> literal, Span<byte> destination, int firstIndex, int stride)
    {
        if (stride == 1)
        {
            literal.CopyTo(destination[firstIndex..]);
            return;
        }

        var position = firstIndex * stride;
        for (var i = 0; i < literal.Length; i++, position += stride)
            destination[position] = literal[i];
    }

    private static void Fill(byte value, Span<byte> destination, int firstIndex, int length, int stride)
    {
        if (stride == 1)
        {
            destination.Slice(firstIndex, length).Fill(value);
            return;
        }

        var position = firstIndex * stride;
        for (var i = 0; i < length; i++, position += stride)
            destination[position] = value;
    }
}
