namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Finds the codestream inside a JP2 file (T.800 Annex I): the contents of the first 'jp2c' box.</summary>
internal static class J2kJp2Boxes
{
    private const uint ContiguousCodestream = 0x6A703263; // 'jp2c'

    public static bool IsJp2(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data[4] == 0x6A && data[5] == 0x50 && data[6] == 0x20 && data[7] == 0x20;

    public static (int Start, int Length) FindCodestream(ReadOnlySpan<byte> data)
    {
        long position = 0;
        while (position + 8 <= data.Length)
        {
            var at = (int)position;
            long length = ReadU32(data, at);
            var type = (uint)ReadU32(data, at + 4);
            var header = 8;
            if (length == 1)
            {
                if (position + 16 > data.Length)
                    break;
                length = (ReadU32(data, at + 8) << 32) | ReadU32(data, at + 12);
                header = 16;
            }
            else if (length == 0)
            {
                length = data.Length - position;
            }
            if (length < header || position + length > data.Length)
            {
                if (type == ContiguousCodestream && length >= header)
                    return (at + header, data.Length - at - header); // box length past the end: take what is there
                throw J2kErrors.Corrupt($"JP2 box length {length} does not fit the data", position);
            }
            if (type == ContiguousCodestream)
                return (at + header, (int)length - header);
            position += length;
        }
        throw J2kErrors.Corrupt("JP2 file without a contiguous codestream ('jp2c') box", position);
    }

    private static long ReadU32(ReadOnlySpan<byte> data, int at) =>
        ((long)data[at] << 24) | ((long)data[at + 1] << 16) | ((long)data[at + 2] << 8) | data[at + 3];
}
