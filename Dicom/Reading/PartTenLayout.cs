namespace HeadCt.Dicom.Reading;

/// <summary>Recognises the PS3.10 §7.1 file preamble and "DICM" prefix, and guesses the encoding of a data set without File Meta Information.</summary>
internal static class PartTenLayout
{
    public const int PreambleLength = 128;

    public static bool HasPreambleAndPrefix(ByteSource source) =>
        source.Has(source.Start, PreambleLength + 4) && IsPrefix(source.Buffer.AsSpan(source.Start + PreambleLength, 4));

    public static bool HasBarePrefix(ByteSource source) =>
        source.Has(source.Start, 4) && IsPrefix(source.Buffer.AsSpan(source.Start, 4));

    /// <summary>Group 0002 little endian at <paramref name="position"/>: File Meta Information without a preamble.</summary>
    public static bool StartsWithMetaGroup(ByteSource source, int position) =>
        source.Has(position, 8) && source.Buffer[position] == 0x02 && source.Buffer[position + 1] == 0x00;

    /// <summary>
    /// Explicit when bytes 4–5 spell a VR; big endian when the group number reads smaller that way
    /// (data sets start with a low group such as 0008). Implicit VR big endian does not exist (PS3.5 §10.1).
    /// </summary>
    public static (bool ExplicitVr, bool BigEndian) Guess(ByteSource source, int position)
    {
        if (!source.Has(position, 8))
            return (false, false);
        var bytes = source.Buffer.AsSpan(position, 8);
        var explicitVr = new DicomVr((ushort)((bytes[4] << 8) | bytes[5])).IsKnown;
        var littleGroup = bytes[0] | (bytes[1] << 8);
        var bigGroup = (bytes[0] << 8) | bytes[1];
        return (explicitVr, explicitVr && bigGroup < littleGroup);
    }

    /// <summary>
    /// A data set without preamble must open with a plausible element: a VR of PS3.5 Table 6.2-1 in bytes 4–5,
    /// or an implicit VR length that fits the input. Text or shifted bytes fail this.
    /// </summary>
    public static bool LooksLikeDatasetStart(ByteSource source, int position)
    {
        if (!source.Has(position, 8))
            return false;
        var bytes = source.Buffer.AsSpan(position, 8);
        if (new DicomVr((ushort)((bytes[4] << 8) | bytes[5])).IsKnown)
            return true;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        return length == 0xFFFFFFFF || source.Has(position + 8, length);
    }

    private static bool IsPrefix(ReadOnlySpan<byte> bytes) => bytes.SequenceEqual("DICM"u8);
}
