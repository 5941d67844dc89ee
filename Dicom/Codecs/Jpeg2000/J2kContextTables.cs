namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Neighbourhood flags of the EBCOT coefficient state and the context tables built from them
/// (T.800 D.3.1 Table D.1 zero coding, D.3.2 Tables D.2/D.3 sign coding, D.3.3 Table D.4 magnitude refinement).
/// </summary>
internal static class J2kContextTables
{
    public const int NorthWest = 1, North = 2, NorthEast = 4, West = 8, East = 16, SouthWest = 32, South = 64, SouthEast = 128;
    public const int Neighbours = 0xFF;
    public const int NorthNegative = 1 << 8, SouthNegative = 1 << 9, WestNegative = 1 << 10, EastNegative = 1 << 11;
    public const int Significant = 1 << 12;
    public const int Visited = 1 << 13;
    public const int Refined = 1 << 14;
    public const int Negative = 1 << 15;

    /// <summary>Zero-coding context by orientation group (0: LL and LH, 1: HL, 2: HH) and the 8 neighbour bits.</summary>
    public static readonly byte[][] ZeroCoding = [BuildZeroCoding(0), BuildZeroCoding(1), BuildZeroCoding(2)];

    /// <summary>Sign context (low 5 bits) and XOR bit (bit 5) indexed by the low 12 flag bits (neighbours and their signs).</summary>
    public static readonly byte[] SignCoding = BuildSignCoding();

    public static int OrientationGroup(int orientation) => orientation switch { 1 => 1, 3 => 2, _ => 0 };

    private static int SignKey(int flags) =>
        ((flags >> 1) & 1) | ((flags >> 5) & 2) | ((flags >> 1) & 4) | ((flags >> 1) & 8) | ((flags >> 4) & 0xF0);

    private static byte[] BuildZeroCoding(int group)
    {
        var table = new byte[256];
        for (var bits = 0; bits < 256; bits++)
        {
            var h = Count(bits, West) + Count(bits, East);
            var v = Count(bits, North) + Count(bits, South);
            var d = Count(bits, NorthWest) + Count(bits, NorthEast) + Count(bits, SouthWest) + Count(bits, SouthEast);
            if (group == 1)
                (h, v) = (v, h);
            table[bits] = (byte)(group == 2 ? Diagonal(h + v, d) : Horizontal(h, v, d));
        }
        return table;
    }

    private static int Horizontal(int h, int v, int d) => h switch
    {
        2 => 8,
        1 => v >= 1 ? 7 : d >= 1 ? 6 : 5,
        _ => v == 2 ? 4 : v == 1 ? 3 : d >= 2 ? 2 : d == 1 ? 1 : 0,
    };

    private static int Diagonal(int hv, int d) => d switch
    {
        >= 3 => 8,
        2 => hv >= 1 ? 7 : 6,
        1 => hv >= 2 ? 5 : hv == 1 ? 4 : 3,
        _ => hv >= 2 ? 2 : hv == 1 ? 1 : 0,
    };

    private static byte[] BuildSignCoding()
    {
        var byKey = BuildSignCodingByKey();
        var table = new byte[1 << 12];
        for (var flags = 0; flags < table.Length; flags++)
            table[flags] = byKey[SignKey(flags)];
        return table;
    }

    private static byte[] BuildSignCodingByKey()
    {
        // key bits: 0 N significant, 1 S significant, 2 W significant, 3 E significant, 4..7 N, S, W, E negative
        var table = new byte[256];
        for (var key = 0; key < 256; key++)
        {
            var v = Contribution(key, 0, 4) + Contribution(key, 1, 5);
            var h = Contribution(key, 2, 6) + Contribution(key, 3, 7);
            h = Math.Clamp(h, -1, 1);
            v = Math.Clamp(v, -1, 1);
            var (context, xor) = (h, v) switch
            {
                (1, 1) => (13, 0), (1, 0) => (12, 0), (1, -1) => (11, 0),
                (0, 1) => (10, 0), (0, 0) => (9, 0), (0, -1) => (10, 1),
                (-1, 1) => (11, 1), (-1, 0) => (12, 1), _ => (13, 1),
            };
            table[key] = (byte)(context | (xor << 5));
        }
        return table;
    }

    private static int Contribution(int key, int significantBit, int negativeBit) =>
        (key >> significantBit & 1) == 0 ? 0 : (key >> negativeBit & 1) != 0 ? -1 : 1;

    private static int Count(int bits, int flag) => (bits & flag) != 0 ? 1 : 0;
}
