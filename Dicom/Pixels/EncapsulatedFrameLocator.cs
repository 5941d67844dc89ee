using System.Buffers.Binary;

namespace HeadCt.Dicom.Pixels;

/// <summary>
/// Which fragments make up each frame of encapsulated pixel data (PS3.5 §A.4): from the Extended Offset Table,
/// else the Basic Offset Table, else one fragment per frame when the counts match, else the codec start markers.
/// </summary>
internal static class EncapsulatedFrameLocator
{
    /// <summary>For each frame, the index of its first fragment and how many fragments it spans.</summary>
    public static (int First, int Count)[] Locate(DicomFragments fragments, int frames, DicomDataset ds, DicomTag tag)
    {
        var count = fragments.Fragments.Count;
        if (count == 0)
            throw Corrupt("Encapsulated pixel data holds no fragment", tag);
        if (frames == 1)
            return [(0, count)];

        var extended = ds.Find(DicomTags.ExtendedOffsetTable);
        if (extended is not null && !extended.Value.IsEmpty)
            return FromOffsets(ReadOffsets(extended.Value.Span, 8, extended.IsBigEndian), fragments, frames, tag);
        if (!fragments.BasicOffsetTable.IsEmpty)
            return FromOffsets(ReadOffsets(fragments.BasicOffsetTable.Span, 4, false), fragments, frames, tag);
        if (count == frames)
        {
            var single = new (int, int)[frames];
            for (var i = 0; i < frames; i++)
                single[i] = (i, 1);
            return single;
        }
        return FromStartMarkers(fragments, frames, tag);
    }

    private static long[] ReadOffsets(ReadOnlySpan<byte> table, int size, bool bigEndian)
    {
        var offsets = new long[table.Length / size];
        for (var i = 0; i < offsets.Length; i++)
        {
            var entry = table.Slice(i * size, size);
            offsets[i] = size == 4
                ? BinaryPrimitives.ReadUInt32LittleEndian(entry)
                : (long)Math.Min(long.MaxValue, bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(entry) : BinaryPrimitives.ReadUInt64LittleEndian(entry));
        }
        return offsets;
    }

    private static (int, int)[] FromOffsets(long[] offsets, DicomFragments fragments, int frames, DicomTag tag)
    {
        if (offsets.Length < frames)
            throw Corrupt($"The offset table lists {offsets.Length} frames but Number of Frames is {frames}", tag);
        var itemOffsets = fragments.FragmentItemOffsets();
        var starts = new int[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var index = Array.BinarySearch(itemOffsets, offsets[frame]);
            if (index < 0 || (frame > 0 && index <= starts[frame - 1]))
                throw Corrupt($"Offset table entry {frame} ({offsets[frame]}) does not point at a fragment after the previous frame's", tag);
            starts[frame] = index;
        }
        var result = new (int, int)[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var end = frame + 1 < frames ? starts[frame + 1] : itemOffsets.Length;
            result[frame] = (starts[frame], end - starts[frame]);
        }
        return result;
    }

    /// <summary>A fragment opening with a JPEG/JPEG-LS SOI (FFD8, T.81 B.1.1.3) or a J2K SOC (FF4F) starts a frame.</summary>
    private static (int, int)[] FromStartMarkers(DicomFragments fragments, int frames, DicomTag tag)
    {
        // Capacity from the fragments present, not the declared frame count, which hostile input controls.
        var starts = new List<int>(Math.Min(frames, fragments.Fragments.Count));
        for (var i = 0; i < fragments.Fragments.Count; i++)
        {
            var bytes = fragments.Fragments[i].Span;
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] is 0xD8 or 0x4F)
                starts.Add(i);
        }
        if (starts.Count != frames || starts[0] != 0)
            throw Corrupt($"Cannot tell which of {fragments.Fragments.Count} fragments belong to which of {frames} frames (no offset table, {starts.Count} start markers)", tag);
        var result = new (int, int)[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var end = frame + 1 < frames ? starts[frame + 1] : fragments.Fragments.Count;
            result[frame] = (starts[frame], end - starts[frame]);
        }
        return result;
    }

    private static DicomException Corrupt(string reason, DicomTag tag) => new(DicomErrorKind.CorruptPixelData, reason, tag);
}
