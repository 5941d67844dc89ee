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
[StructLayout(LayoutKind.Sequential)]
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
    /// In vertically causal mode the first row of a stripe does not tell the stripe above (T.800 D.7).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BecomeSignificant(ref J2kStripeColumn column, int row, int negative, int columnsPerStripe, bool causal)
    {
        Flag(ref column, row) |= (ushort)(Significant | (negative << 15));
        ref var left = ref Unsafe.Subtract(ref column, 1);
        ref var right = ref Unsafe.Add(ref column, 1);
        Flag(ref left, row) |= (ushort)(East | (negative << 11));
        Flag(ref right, row) |= (ushort)(West | (negative << 10));
        if (row > 0)
        {
            Flag(ref column, row - 1) |= (ushort)(South | (negative << 9));
            Flag(ref left, row - 1) |= SouthEast;
            Flag(ref right, row - 1) |= SouthWest;
        }
        else if (!causal)
        {
            ref var above = ref Unsafe.Subtract(ref column, columnsPerStripe);
            Flag(ref above, 3) |= (ushort)(South | (negative << 9));
            Flag(ref Unsafe.Subtract(ref above, 1), 3) |= SouthEast;
            Flag(ref Unsafe.Add(ref above, 1), 3) |= SouthWest;
        }
        if (row < 3)
        {
            Flag(ref column, row + 1) |= (ushort)(North | (negative << 8));
            Flag(ref left, row + 1) |= NorthEast;
            Flag(ref right, row + 1) |= NorthWest;
        }
        else
        {
            ref var below = ref Unsafe.Add(ref column, columnsPerStripe);
            Flag(ref below, 0) |= (ushort)(North | (negative << 8));
            Flag(ref Unsafe.Subtract(ref below, 1), 0) |= NorthEast;
            Flag(ref Unsafe.Add(ref below, 1), 0) |= NorthWest;
        }
    }
}
