namespace HeadCt.Dicom;

/// <summary>A value representation (PS3.5 §6.2, Table 6.2-1), stored as its two ASCII characters.</summary>
public readonly record struct DicomVr(ushort Code)
{
    public static readonly DicomVr AE = From("AE"), AS = From("AS"), AT = From("AT"), CS = From("CS"), DA = From("DA");
    public static readonly DicomVr DS = From("DS"), DT = From("DT"), FD = From("FD"), FL = From("FL"), IS = From("IS");
    public static readonly DicomVr LO = From("LO"), LT = From("LT"), OB = From("OB"), OD = From("OD"), OF = From("OF");
    public static readonly DicomVr OL = From("OL"), OV = From("OV"), OW = From("OW"), PN = From("PN"), SH = From("SH");
    public static readonly DicomVr SL = From("SL"), SQ = From("SQ"), SS = From("SS"), ST = From("ST"), SV = From("SV");
    public static readonly DicomVr TM = From("TM"), UC = From("UC"), UI = From("UI"), UL = From("UL"), UN = From("UN");
    public static readonly DicomVr UR = From("UR"), US = From("US"), UT = From("UT"), UV = From("UV");

    public static DicomVr From(string name) =>
        name.Length == 2 ? new DicomVr((ushort)((name[0] << 8) | name[1])) : throw new ArgumentException("A VR has two letters", nameof(name));

    public string Name => new([(char)(Code >> 8), (char)(Code & 0xFF)]);

    /// <summary>True for the 34 VRs of PS3.5 Table 6.2-1.</summary>
    public bool IsKnown => Kind != VrKind.Unknown;

    /// <summary>Explicit VR encodings with a 2-byte reserved field and a 4-byte length (PS3.5 §7.1.2, Table 7.1-1).</summary>
    public bool HasLongLength => Kind is VrKind.Binary or VrKind.Sequence or VrKind.Bytes
        || Code == UC.Code || Code == UR.Code || Code == UT.Code || Code == SV.Code || Code == UV.Code;

    /// <summary>Character string VRs whose values are backslash-separated text.</summary>
    public bool IsText => Kind is VrKind.Text or VrKind.SingleText;

    /// <summary>Text VRs that hold one value in which a backslash is an ordinary character (PS3.5 §6.2: LT, ST, UT, UR).</summary>
    public bool IsSingleValuedText => Kind == VrKind.SingleText;

    /// <summary>Text VRs decoded through Specific Character Set (PS3.5 §6.1.2.3); the others are default repertoire.</summary>
    public bool UsesCharacterSet => Code == SH.Code || Code == LO.Code || Code == ST.Code || Code == LT.Code
        || Code == UT.Code || Code == PN.Code || Code == UC.Code;

    /// <summary>Size of one binary value (US 2, FD 8, OW 2 …), 0 for text, sequences and bytes.</summary>
    public int ValueSize => Kind is VrKind.Number or VrKind.Binary ? (Code == AT.Code ? 4 : SwapUnit) : 0;

    /// <summary>Padding to an even length: NUL for UI and binary VRs, space for text (PS3.5 §6.2).</summary>
    public byte PaddingByte => Code == UI.Code || !IsText ? (byte)0 : (byte)' ';

    internal VrKind Kind => KindTable[Code];

    // Element headers look the VR up once per element: a table indexed by the two characters is the cheapest way.
    private static readonly VrKind[] KindTable = BuildKindTable();

    private static VrKind[] BuildKindTable()
    {
        var table = new VrKind[65536];
        foreach (var name in new[] { "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "PN", "SH", "TM", "UC", "UI" })
            table[From(name).Code] = VrKind.Text;
        foreach (var name in new[] { "LT", "ST", "UT", "UR" })
            table[From(name).Code] = VrKind.SingleText;
        foreach (var name in new[] { "AT", "FD", "FL", "SL", "SS", "SV", "UL", "US", "UV" })
            table[From(name).Code] = VrKind.Number;
        foreach (var name in new[] { "OB", "OD", "OF", "OL", "OV", "OW" })
            table[From(name).Code] = VrKind.Binary;
        table[From("SQ").Code] = VrKind.Sequence;
        table[From("UN").Code] = VrKind.Bytes;
        return table;
    }

    /// <summary>Width of the words whose bytes a change of endianness swaps.</summary>
    internal int SwapUnit => Code switch
    {
        0x5553 or 0x5353 or 0x4F57 => 2,
        0x554C or 0x534C or 0x464C or 0x4F46 or 0x4F4C => 4,
        0x4154 => 2, // AT is a pair of US, swapped per 16-bit word
        0x4644 or 0x5356 or 0x5556 or 0x4F44 or 0x4F56 => 8,
        _ => 1,
    };

    public override string ToString() => Name;
}

internal enum VrKind : byte { Unknown, Text, SingleText, Number, Binary, Sequence, Bytes }
