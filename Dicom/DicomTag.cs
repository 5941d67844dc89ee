using System.Globalization;

namespace HeadCt.Dicom;

/// <summary>A data element tag (group, element), PS3.5 §7.1.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value) { }

    public uint Value => ((uint)Group << 16) | Element;

    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>Group length elements (gggg,0000), retired outside the file meta group.</summary>
    public bool IsGroupLength => Element == 0;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");
}
