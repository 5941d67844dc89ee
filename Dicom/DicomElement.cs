namespace HeadCt.Dicom;

/// <summary>
/// One data element (PS3.5 §7.1). The value is kept as a slice of the input in the byte order it was read,
/// and decoded only when asked for.
/// </summary>
public sealed class DicomElement
{
    private static readonly IReadOnlyList<DicomDataset> NoItems = [];

    public DicomElement(DicomTag tag, DicomVr vr, ReadOnlyMemory<byte> value, bool isBigEndian = false)
        : this(tag, vr, value, isBigEndian, NoItems, null, -1)
    {
    }

    internal DicomElement(
        DicomTag tag, DicomVr vr, ReadOnlyMemory<byte> value, bool isBigEndian,
        IReadOnlyList<DicomDataset> items, DicomFragments? fragments, long offset)
    {
        Tag = tag;
        Vr = vr;
        Value = value;
        IsBigEndian = isBigEndian;
        Items = items;
        Fragments = fragments;
        Offset = offset;
    }

    public DicomTag Tag { get; }
    public DicomVr Vr { get; }

    /// <summary>The raw value bytes (empty for sequences and encapsulated pixel data).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Byte order of <see cref="Value"/> (Explicit VR Big Endian input).</summary>
    public bool IsBigEndian { get; }

    /// <summary>Sequence items (VR SQ); empty otherwise.</summary>
    public IReadOnlyList<DicomDataset> Items { get; }

    /// <summary>Encapsulated pixel data (PS3.5 §A.4): offset table and fragments; null for native values.</summary>
    public DicomFragments? Fragments { get; }

    /// <summary>Byte offset of the element's tag in the input (in the inflated data for deflated files), -1 when built in memory.</summary>
    public long Offset { get; }

    public bool IsSequence => Vr == DicomVr.SQ;

    public static DicomElement Sequence(DicomTag tag, IEnumerable<DicomDataset> items) =>
        new(tag, DicomVr.SQ, ReadOnlyMemory<byte>.Empty, false, items.ToArray(), null, -1);

    public static DicomElement Encapsulated(DicomTag tag, DicomFragments fragments) =>
        new(tag, DicomVr.OB, ReadOnlyMemory<byte>.Empty, false, NoItems, fragments, -1);

    public override string ToString() => $"{Tag} {Vr} [{(IsSequence ? Items.Count + " items" : Value.Length + " bytes")}]";
}
