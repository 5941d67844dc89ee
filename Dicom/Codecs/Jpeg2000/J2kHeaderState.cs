namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>The coding parameters one header (main or tile) sets; a tile's own values take precedence (T.800 A.6).</summary>
internal sealed class J2kHeaderState(int componentCount)
{
    public J2kCodingStyle? Cod { get; set; }
    public J2kComponentStyle?[] Coc { get; } = new J2kComponentStyle?[componentCount];
    public J2kQuantization? Qcd { get; set; }
    public J2kQuantization?[] Qcc { get; } = new J2kQuantization?[componentCount];
    public int?[] RoiShift { get; } = new int?[componentCount];
    public List<J2kProgressionChange>? Progressions { get; set; }
}

/// <summary>The parameters in force for one tile: tile-part COC &gt; tile-part COD &gt; main COC &gt; main COD (T.800 A.6.1), same for QCC/QCD.</summary>
internal sealed class J2kTileParameters
{
    public J2kTileParameters(J2kHeaderState main, J2kHeaderState tile, int componentCount, long offset)
    {
        Cod = tile.Cod ?? main.Cod ?? throw J2kErrors.Corrupt("COD: the main header has no coding style", offset);
        Components = new J2kComponentStyle[componentCount];
        Quantizations = new J2kQuantization[componentCount];
        RoiShifts = new int[componentCount];
        for (var c = 0; c < componentCount; c++)
        {
            Components[c] = tile.Coc[c] ?? tile.Cod?.Component ?? main.Coc[c] ?? Cod.Component;
            Quantizations[c] = tile.Qcc[c] ?? tile.Qcd ?? main.Qcc[c] ?? main.Qcd
                ?? throw J2kErrors.Corrupt("QCD: the main header has no quantization", offset);
            RoiShifts[c] = tile.RoiShift[c] ?? main.RoiShift[c] ?? 0;
        }
        Progressions = tile.Progressions ?? main.Progressions;
    }

    public J2kCodingStyle Cod { get; }
    public J2kComponentStyle[] Components { get; }
    public J2kQuantization[] Quantizations { get; }
    public int[] RoiShifts { get; }
    public List<J2kProgressionChange>? Progressions { get; }
}
