namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>Marker codes (the byte after 0xFF), ITU T.81 Table B.1.</summary>
internal static class JpegMarkers
{
    public const byte Sof0Baseline = 0xC0;
    public const byte Sof1ExtendedHuffman = 0xC1;
    public const byte Sof2ProgressiveHuffman = 0xC2;
    public const byte Sof3LosslessHuffman = 0xC3;
    public const byte DefineHuffmanTables = 0xC4;
    public const byte DefineArithmeticConditioning = 0xCC;
    public const byte Rst0 = 0xD0;
    public const byte Rst7 = 0xD7;
    public const byte StartOfImage = 0xD8;
    public const byte EndOfImage = 0xD9;
    public const byte StartOfScan = 0xDA;
    public const byte DefineQuantizationTables = 0xDB;
    public const byte DefineNumberOfLines = 0xDC;
    public const byte DefineRestartInterval = 0xDD;
    public const byte App0 = 0xE0;
    public const byte App14 = 0xEE;

    /// <summary>SOF markers are C0–CF except DHT (C4), JPG (C8) and DAC (CC).</summary>
    public static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not DefineHuffmanTables and not 0xC8 and not DefineArithmeticConditioning;

    public static bool IsRestart(byte marker) => marker is >= Rst0 and <= Rst7;
}
