using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kStripeColumn;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The three MQ-coded passes (T.800 D.3). Each pass copies the MQ registers into a local, walks the stripe columns
/// through refs without bounds checks (the borders of the layout keep every neighbour inside the array, and the loops
/// stop at the block's own rows and columns), skips a column on one 64-bit test of its four state words, and unrolls
/// the four rows of a full stripe so that the neighbour offsets are constants.
/// </summary>
internal sealed partial class J2kBlockDecoder
{
    private static readonly ulong NeighboursInColumn = InEachRow(Neighbours);
    private static readonly ulong SignificantInColumn = InEachRow(Significant);
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
        var stripe = columnsPerStripe;
        var vertical = causal;
        var fullStripes = height >> 2;
        for (var s = 0; s < fullStripes; s++)
        {
            ref var column = ref columns[FirstColumnOf(s << 2)];
            ref var end = ref Unsafe.Add(ref column, width);
            for (; Unsafe.IsAddressLessThan(ref column, ref end); column = ref Unsafe.Add(ref column, 1))
            {
                if (!HasSignificanceCandidate(column.Flags))
                    continue;
                SignificanceStep(ref column, 0, value, stripe, vertical, ref mq, ref context, ref zc);
                SignificanceStep(ref column, 1, value, stripe, vertical, ref mq, ref context, ref zc);
                SignificanceStep(ref column, 2, value, stripe, vertical, ref mq, ref context, ref zc);
                SignificanceStep(ref column, 3, value, stripe, vertical, ref mq, ref context, ref zc);
            }
        }
        registers = mq;
        if ((height & 3) != 0)
            SignificanceLastStripe(plane, ref registers);
    }

    /// <summary>The last stripe of a block whose height is not a multiple of 4, row by row (kept apart so the full stripes stay unrolled).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SignificanceLastStripe(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        var top = height & ~3;
        ref var column = ref columns[FirstColumnOf(top)];
        for (var x = 0; x < width; x++, column = ref Unsafe.Add(ref column, 1))
        {
            for (var k = 0; k < height - top; k++)
                SignificanceStep(ref column, k, value, columnsPerStripe, causal, ref mq, ref context, ref zc);
        }
        registers = mq;
    }

    /// <summary>Whether any row is insignificant with a significant neighbour; rows can only gain such neighbours from rows of the same column, so a column without one is skipped whole.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasSignificanceCandidate(ulong flags)
    {
        var significantRows = (flags >> 12) & InEachRow(1);
        return (flags & NeighboursInColumn & ~(significantRows * Neighbours)) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SignificanceStep(ref J2kStripeColumn column, int k, int value, int stripe, bool vertical,
        ref J2kMqRegisters mq, ref byte context, ref byte zc)
    {
        ref var f = ref Flag(ref column, k);
        int state = f;
        if ((state & Significant) != 0 || (state & Neighbours) == 0)
            return;
        if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, Unsafe.Add(ref zc, state & Neighbours))) != 0)
        {
            var negative = DecodeSign(state, ref mq, ref context);
            BecomeSignificant(ref column, k, negative, stripe, vertical);
            Magnitude(ref column, k) = value;
        }
        f |= Visited;
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
            var rows = flags & SignificantInColumn & ~(flags >> 1);
            if (rows == 0)
                continue;
            column.Flags = flags | (rows << 2); // Refined is Significant << 2
            do
            {
                var k = BitOperations.TrailingZeroCount(rows) >> 4;
                var state = (int)(flags >> (k << 4));
                // T.800 Table D.4: 16 after the first refinement, else 15 with a significant neighbour, 14 without
                var index = (state & Refined) != 0 ? 16 : (state & Neighbours) != 0 ? 15 : 14;
                var bit = J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, index));
                Magnitude(ref column, k) += bit != 0 ? half : -half;
                rows &= rows - 1;
            }
            while (rows != 0);
        }
        registers = mq;
    }

    /// <summary>Cleanup (T.800 D.3.4): every coefficient the significance pass did not code, with run-length coding of empty columns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Cleanup(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        var stripe = columnsPerStripe;
        var vertical = causal;
        var fullStripes = height >> 2;
        for (var s = 0; s < fullStripes; s++)
        {
            ref var column = ref columns[FirstColumnOf(s << 2)];
            ref var end = ref Unsafe.Add(ref column, width);
            for (; Unsafe.IsAddressLessThan(ref column, ref end); column = ref Unsafe.Add(ref column, 1))
            {
                var before = column.Flags;
                var start = 0;
                if ((before & RunBlockers) == 0)
                {
                    // run-length mode: one decision says whether any of the four becomes significant, two more say which first
                    if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, J2kMqDecoder.RunLengthContext)) == 0)
                        continue;
                    ref var uniform = ref Unsafe.Add(ref context, J2kMqDecoder.UniformContext);
                    var run = J2kMqDecoder.Decode(ref mq, ref uniform) << 1;
                    run |= J2kMqDecoder.Decode(ref mq, ref uniform);
                    var negative = DecodeSign(Flag(ref column, run), ref mq, ref context);
                    BecomeSignificant(ref column, run, negative, stripe, vertical);
                    Magnitude(ref column, run) = value;
                    start = run + 1;
                }
                if (start <= 0) CleanupStep(ref column, 0, value, stripe, vertical, ref mq, ref context, ref zc);
                if (start <= 1) CleanupStep(ref column, 1, value, stripe, vertical, ref mq, ref context, ref zc);
                if (start <= 2) CleanupStep(ref column, 2, value, stripe, vertical, ref mq, ref context, ref zc);
                if (start <= 3) CleanupStep(ref column, 3, value, stripe, vertical, ref mq, ref context, ref zc);
                // the next bit-plane starts with nothing visited; neighbour updates never touch this bit, so clear it in one go
                if ((before & VisitedInColumn) != 0)
                    column.Flags &= ~VisitedInColumn;
            }
        }
        registers = mq;
        if ((height & 3) != 0)
            CleanupLastStripe(plane, ref registers);
    }

    /// <summary>The last stripe of a block whose height is not a multiple of 4: row by row, without run-length mode.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CleanupLastStripe(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        var top = height & ~3;
        ref var column = ref columns[FirstColumnOf(top)];
        for (var x = 0; x < width; x++, column = ref Unsafe.Add(ref column, 1))
        {
            for (var k = 0; k < height - top; k++)
                CleanupStep(ref column, k, value, columnsPerStripe, causal, ref mq, ref context, ref zc);
            column.Flags &= ~VisitedInColumn;
        }
        registers = mq;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CleanupStep(ref J2kStripeColumn column, int k, int value, int stripe, bool vertical,
        ref J2kMqRegisters mq, ref byte context, ref byte zc)
    {
        int state = Flag(ref column, k);
        if ((state & (Significant | Visited)) != 0)
            return;
        if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, Unsafe.Add(ref zc, state & Neighbours))) == 0)
            return;
        var negative = DecodeSign(state, ref mq, ref context);
        BecomeSignificant(ref column, k, negative, stripe, vertical);
        Magnitude(ref column, k) = value;
    }

    /// <summary>Sign decoding (T.800 D.3.2): context and XOR bit from the four direct neighbours' significance and signs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeSign(int state, ref J2kMqRegisters mq, ref byte context)
    {
        int sign = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(SignCoding), state & 0xFFF);
        return J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, sign & 0x1F)) ^ (sign >> 5);
    }
}
