namespace HeadCt.Dicom;

/// <summary>
/// The items of encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table (possibly empty) and the fragments.
/// </summary>
public sealed class DicomFragments
{
    public DicomFragments(ReadOnlyMemory<byte> basicOffsetTable, IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    {
        BasicOffsetTable = basicOffsetTable;
        Fragments = fragments;
    }

    public ReadOnlyMemory<byte> BasicOffsetTable { get; }
    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }

    /// <summary>
    /// Offset of each fragment's item tag from the first fragment's item tag, the unit in which the Basic and
    /// Extended Offset Tables count (PS3.5 §A.4).
    /// </summary>
    public long[] FragmentItemOffsets()
    {
        var offsets = new long[Fragments.Count];
        long position = 0;
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = position;
            position += 8 + Fragments[i].Length;
        }
        return offsets;
    }
}
