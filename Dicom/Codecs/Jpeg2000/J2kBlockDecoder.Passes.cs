using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kStripeColumn;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The three MQ-coded passes (T.800 D.3). Each pass copies the MQ registers into a local, walks the stripe columns
/// through refs without bounds checks (the borders of the layout keep every neighbour inside the array), and works out
/// from one 64-bit read of a column which of its rows the pass codes (one bit per row, <see cref="RowBits"/>), so it
/// visits only those rows, in order, and skips a column with none on a single test.
/// </summary>
internal sealed partial class J2kBlockDecoder
{
    /// <summary>Bit 0 of each row's 16-bit word: the form of the row sets the passes iterate over.</summary>
    private static readonly ulong RowBits = InEachRow(1);
    private static readonly ulong NeighboursInColumn = InEachRow(Neighbours);
    private static readonly ulong VisitedInColumn = InEachRow(Visited);
    private static readonly ulong RunBlockers = InEachRow(Significant | Visited | Neighbours);

    /// <summary>Significance propagation (T.800 D.3.1): insignificant coefficients with a significant neighbour.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Significance(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        ref var signs = ref MemoryMarshal.GetArrayDataReference(SignCoding);
        var stripe = columnsPerStripe;
        var vertical = causal;
        for (var top = 0; top < height; top += 4)
        {
            var inBlock = RowsInBlock(top);
            ref var column = ref columns[FirstColumnOf(top)];
            ref var end = ref Unsafe.Add(ref column, width);
            for (; Unsafe.IsAddressLessThan(ref column, ref end); column = ref Unsafe.Add(ref column, 1))
            {
                var flags = column.Flags;
                // insignificant rows with a significant neighbour (a neighbour count of 1 to 255 carries into bit 8)
                var rows = (((flags & NeighboursInColumn) + NeighboursInColumn) >> 8) & ~(flags >> 12) & inBlock;
                while (rows != 0)
                {
                    var k = BitOperations.TrailingZeroCount(rows) >> 4;
                    rows &= rows - 1;
                    ref var f = ref Flag(ref column, k);
                    int state = f;
                    if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, Unsafe.Add(ref zc, state & Neighbours))) != 0)
                    {
                        var negative = DecodeSign(state, ref mq, ref context, ref signs);
                        BecomeSignificant(ref column, k, negative, stripe, vertical);
                        Magnitude(ref column, k) = value;
                        // the row below now has a significant neighbour: if it is still insignificant, it is coded in this pass too
                        if (k < 3)
                            rows |= ((ulong)((~Flag(ref column, k + 1) >> 12) & 1) << ((k + 1) << 4)) & inBlock;
                    }
                    f |= Visited;
                }
            }
        }
        registers = mq;
    }

    /// <summary>
    /// Magnitude refinement (T.800 D.3.3): one more bit of every coefficient significant before this bit-plane. The pass
    /// changes no neighbourhood, so the rows to refine and their contexts all come from one read of the column.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refinement(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var half = 1 << plane;
        ref var context = ref contexts[0];
        ref var column = ref columns[FirstColumnOf(0)];
        // border columns and padding rows are never significant, so the whole array is scanned without row limits
        ref var end = ref Unsafe.Add(ref column, columnsPerStripe * ((height + 3) / 4));
        for (; Unsafe.IsAddressLessThan(ref column, ref end); column = ref Unsafe.Add(ref column, 1))
        {
            var flags = column.Flags;
            // significant and not visited in this bit-plane's significance pass
            var rows = (flags >> 12) & ~(flags >> 13) & RowBits;
            if (rows == 0)
                continue;
            column.Flags = flags | (rows << 14); // Refined
            do
            {
                var k = BitOperations.TrailingZeroCount(rows) >> 4;
                rows &= rows - 1;
                var state = (int)(flags >> (k << 4));
                // T.800 Table D.4: 16 after the first refinement, else 15 with a significant neighbour, 14 without;
                // computed without branches, which the data would mispredict
                var neighbour = ((state & Neighbours) + Neighbours) >> 8;
                var refined = (state >> 14) & 1;
                var index = 14 + (neighbour | (refined << 1)) - (neighbour & refined);
                var bit = J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, index));
                // + half for a 1, − half for a 0
                Magnitude(ref column, k) += (half ^ (bit - 1)) - (bit - 1);
            }
            while (rows != 0);
        }
        registers = mq;
    }

    /// <summary>
    /// Cleanup (T.800 D.3.4): every coefficient the significance pass did not code, with run-length coding of full
    /// stripe columns that are insignificant without a significant neighbour. The rows to code cannot change during the
    /// column (only their contexts do, which are read as each row comes).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Cleanup(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        ref var signs = ref MemoryMarshal.GetArrayDataReference(SignCoding);
        var stripe = columnsPerStripe;
        var vertical = causal;
        for (var top = 0; top < height; top += 4)
        {
            var inBlock = RowsInBlock(top);
            var full = inBlock == RowBits;
            ref var column = ref columns[FirstColumnOf(top)];
            ref var end = ref Unsafe.Add(ref column, width);
            for (; Unsafe.IsAddressLessThan(ref column, ref end); column = ref Unsafe.Add(ref column, 1))
            {
                var flags = column.Flags;
                ulong rows;
                if (full && (flags & RunBlockers) == 0)
                {
                    // run-length mode: one decision says whether any of the four becomes significant, two more say which first
                    if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, J2kMqDecoder.RunLengthContext)) == 0)
                        continue;
                    ref var uniform = ref Unsafe.Add(ref context, J2kMqDecoder.UniformContext);
                    var run = J2kMqDecoder.Decode(ref mq, ref uniform) << 1;
                    run |= J2kMqDecoder.Decode(ref mq, ref uniform);
                    var negative = DecodeSign(Flag(ref column, run), ref mq, ref context, ref signs);
                    BecomeSignificant(ref column, run, negative, stripe, vertical);
                    Magnitude(ref column, run) = value;
                    rows = RowBits & ~(RowBits >> (48 - (run << 4)));
                }
                else
                {
                    // neither significant nor visited by the significance pass
                    rows = ~((flags >> 12) | (flags >> 13)) & inBlock;
                }
                while (rows != 0)
                {
                    var k = BitOperations.TrailingZeroCount(rows) >> 4;
                    rows &= rows - 1;
                    int state = Flag(ref column, k);
                    if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, Unsafe.Add(ref zc, state & Neighbours))) == 0)
                        continue;
                    var negative = DecodeSign(state, ref mq, ref context, ref signs);
                    BecomeSignificant(ref column, k, negative, stripe, vertical);
                    Magnitude(ref column, k) = value;
                }
                // the next bit-plane starts with nothing visited; neighbour updates never touch this bit, so clear it in one go
                if ((flags & VisitedInColumn) != 0)
                    column.Flags &= ~VisitedInColumn;
            }
        }
        registers = mq;
    }

    /// <summary>The row bits of the stripe starting at row <paramref name="top"/> that lie inside the block.</summary>
    private ulong RowsInBlock(int top) => height - top >= 4 ? RowBits : RowBits & ((1UL << ((height - top) << 4)) - 1);

    /// <summary>Sign decoding (T.800 D.3.2): context and XOR bit from the four direct neighbours' significance and signs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeSign(int state, ref J2kMqRegisters mq, ref byte context, ref byte signs)
    {
        int sign = Unsafe.Add(ref signs, state & 0xFFF);
        return J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, sign & 0x1F)) ^ (sign >> 5);
    }
}
