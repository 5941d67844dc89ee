using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The four coefficients of one column of a stripe (T.800 D.1 scans stripes of four rows column by column): their
/// 16-bit state words side by side, so all four are one 64-bit <see cref="Flags"/> value, then their magnitudes.
/// A code-block's state is an array of these, stripe after stripe, with one column of border on each side and one
/// stripe above and below to take the neighbour updates of the edge coefficients without a test.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 24)]
internal struct J2kStripeColumn
{
    public ulong Flags;
    public int Magnitude0;
    public int Magnitude1;
    public int Magnitude2;
    public int Magnitude3;

    /// <summary>The same bit in each of the four state words.</summary>
    public static ulong InEachRow(int bits) => (ulong)bits * 0x0001_0001_0001_0001UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref ushort Flag(ref J2kStripeColumn column, int row) =>
        ref Unsafe.Add(ref Unsafe.As<ulong, ushort>(ref column.Flags), row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref int Magnitude(ref J2kStripeColumn column, int row) => ref Unsafe.Add(ref column.Magnitude0, row);

    /// <summary>
    /// Marks <paramref name="row"/> of <paramref name="column"/> significant and tells its eight neighbours; rows −1 and 4
    /// are row 3 of the stripe above and row 0 of the stripe below, <paramref name="columnsPerStripe"/> columns away.
    /// In vertically causal mode the first row of a stripe does not tell the stripe above (T.800 D.7). The row is known
    /// only at run time, so the offsets of the rows above and below are selected rather than branched on (conditional
    /// moves), which the decoded data would mispredict.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BecomeSignificant(ref J2kStripeColumn column, int row, int negative, int columnsPerStripe, bool causal)
    {
        const int Size = 24; // bytes of one J2kStripeColumn
        ref var self = ref Unsafe.As<J2kStripeColumn, byte>(ref column);
        var at = row * 2;
        var up = row > 0 ? at - 2 : 6 - columnsPerStripe * Size;
        var down = row < 3 ? at + 2 : columnsPerStripe * Size;
        var tellAbove = row > 0 || !causal ? 0xFFFF : 0;
        Or(ref self, at, Significant | (negative << 15));
        Or(ref self, at - Size, East | (negative << 11));
        Or(ref self, at + Size, West | (negative << 10));
        Or(ref self, up, (South | (negative << 9)) & tellAbove);
        Or(ref self, up - Size, SouthEast & tellAbove);
        Or(ref self, up + Size, SouthWest & tellAbove);
        Or(ref self, down, North | (negative << 8));
        Or(ref self, down - Size, NorthEast);
        Or(ref self, down + Size, NorthWest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Or(ref byte column, int offset, int bits) =>
        Unsafe.As<byte, ushort>(ref Unsafe.Add(ref column, offset)) |= (ushort)bits;
}
