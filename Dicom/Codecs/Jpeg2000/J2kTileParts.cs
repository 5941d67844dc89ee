namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Everything the codestream holds for one tile: its header state, packet data and packed packet headers.</summary>
internal sealed class J2kTileParts(int index, int componentCount)
{
    public int Index { get; } = index;
    public J2kHeaderState Header { get; } = new(componentCount);
    public List<(int Start, int Length)> Bodies { get; } = [];
    public List<(int Start, int Length)> PackedHeadersPpt { get; } = [];
    public List<byte[]> PackedHeadersPpm { get; } = [];
    public int PartsSeen { get; set; }
    public long FirstOffset { get; set; }
}
