using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The three MQ-coded passes (T.800 D.3). Each pass copies the MQ registers into a local, walks the stripes through
/// refs without bounds checks (the layout's borders keep every neighbour inside the arrays, and the loops stop at the
/// block's own rows and columns), and unrolls the four rows of a full stripe so the neighbour offsets are constants.
/// </summary>
internal sealed partial class J2kBlockDecoder
{
    // The same flag bit in each of the four 16-bit words of a column read as one ulong.
    private const ulong NeighboursOfColumn = 0x00FF_00FF_00FF_00FFUL;
    private const ulong SignificantInColumn = (ulong)Significant * 0x0001_0001_0001_0001UL;
    private const ulong VisitedInColumn = (ulong)Visited * 0x0001_0001_0001_0001UL;
    private const ulong RunBlockers = (ulong)(Significant | Visited | Neighbours) * 0x0001_0001_0001_0001UL;

    /// <summary>Significance propagation (T.800 D.3.1): insignificant coefficients with a significant neighbour.</summary>
    private void Significance(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var data = ref segment[0];
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        var stride = stripeStride;
        for (var top = 0; top < height; top += 4)
        {
            var rows = Math.Min(4, height - top);
            var first = IndexOf(0, top);
            ref var column = ref flags[first];
            ref var magnitude = ref magnitudes[first];
            for (var x = 0; x < width; x++, column = ref Unsafe.Add(ref column, 4), magnitude = ref Unsafe.Add(ref magnitude, 4))
            {
                if ((ReadColumn(ref column) & NeighboursOfColumn) == 0)
                    continue;
                if (rows == 4)
                {
                    SignificanceStep(ref column, ref magnitude, 0, value, stride, ref mq, ref context, ref zc, ref data);
                    SignificanceStep(ref column, ref magnitude, 1, value, stride, ref mq, ref context, ref zc, ref data);
                    SignificanceStep(ref column, ref magnitude, 2, value, stride, ref mq, ref context, ref zc, ref data);
                    SignificanceStep(ref column, ref magnitude, 3, value, stride, ref mq, ref context, ref zc, ref data);
                }
                else
                {
                    for (var k = 0; k < rows; k++)
                        SignificanceStep(ref column, ref magnitude, k, value, stride, ref mq, ref context, ref zc, ref data);
                }
            }
        }
        registers = mq;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SignificanceStep(ref ushort column, ref int magnitude, int k, int value, int stride,
        ref J2kMqRegisters mq, ref byte context, ref byte zc, ref byte data)
    {
        ref var f = ref Unsafe.Add(ref column, k);
        int state = f;
        if ((state & Significant) != 0 || (state & Neighbours) == 0)
            return;
        if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, Unsafe.Add(ref zc, state & Neighbours)), ref data) != 0)
        {
            var negative = DecodeSign(state, ref mq, ref context, ref data);
            BecomeSignificant(ref column, k, negative, stride);
            Unsafe.Add(ref magnitude, k) = value;
        }
        f |= Visited;
    }

    /// <summary>Magnitude refinement (T.800 D.3.3): one more bit of every coefficient significant before this bit-plane.</summary>
    private void Refinement(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var half = 1 << plane;
        ref var data = ref segment[0];
        ref var context = ref contexts[0];
        for (var top = 0; top < height; top += 4)
        {
            var rows = Math.Min(4, height - top);
            var first = IndexOf(0, top);
            ref var column = ref flags[first];
            ref var magnitude = ref magnitudes[first];
            for (var x = 0; x < width; x++, column = ref Unsafe.Add(ref column, 4), magnitude = ref Unsafe.Add(ref magnitude, 4))
            {
                if ((ReadColumn(ref column) & SignificantInColumn) == 0)
                    continue;
                if (rows == 4)
                {
                    RefinementStep(ref column, ref magnitude, 0, half, ref mq, ref context, ref data);
                    RefinementStep(ref column, ref magnitude, 1, half, ref mq, ref context, ref data);
                    RefinementStep(ref column, ref magnitude, 2, half, ref mq, ref context, ref data);
                    RefinementStep(ref column, ref magnitude, 3, half, ref mq, ref context, ref data);
                }
                else
                {
                    for (var k = 0; k < rows; k++)
                        RefinementStep(ref column, ref magnitude, k, half, ref mq, ref context, ref data);
                }
            }
        }
        registers = mq;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RefinementStep(ref ushort column, ref int magnitude, int k, int half,
        ref J2kMqRegisters mq, ref byte context, ref byte data)
    {
        ref var f = ref Unsafe.Add(ref column, k);
        int state = f;
        if ((state & (Significant | Visited)) != Significant)
            return;
        // T.800 Table D.4: 16 after the first refinement, else 15 with a significant neighbour, 14 without
        var index = (state & Refined) != 0 ? 16 : (state & Neighbours) != 0 ? 15 : 14;
        var bit = J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, index), ref data);
        Unsafe.Add(ref magnitude, k) += bit != 0 ? half : -half;
        f = (ushort)(state | Refined);
    }

    /// <summary>Cleanup (T.800 D.3.4): every coefficient the significance pass did not code, with run-length coding of empty columns.</summary>
    private void Cleanup(int plane, ref J2kMqRegisters registers)
    {
        var mq = registers;
        var value = 3 << plane;
        ref var data = ref segment[0];
        ref var context = ref contexts[0];
        ref var zc = ref zeroCoding[0];
        var stride = stripeStride;
        for (var top = 0; top < height; top += 4)
        {
            var rows = Math.Min(4, height - top);
            var first = IndexOf(0, top);
            ref var column = ref flags[first];
            ref var magnitude = ref magnitudes[first];
            for (var x = 0; x < width; x++, column = ref Unsafe.Add(ref column, 4), magnitude = ref Unsafe.Add(ref magnitude, 4))
            {
                var before = ReadColumn(ref column);
                if (rows < 4)
                {
                    for (var k = 0; k < rows; k++)
                        CleanupStep(ref column, ref magnitude, k, value, stride, ref mq, ref context, ref zc, ref data);
                }
                else if ((before & RunBlockers) == 0)
                {
                    // run-length mode: one decision says whether any of the four becomes significant, two more say which first
                    if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, J2kMqDecoder.RunLengthContext), ref data) == 0)
                        continue;
                    ref var uniform = ref Unsafe.Add(ref context, J2kMqDecoder.UniformContext);
                    var run = J2kMqDecoder.Decode(ref mq, ref uniform, ref data) << 1;
                    run |= J2kMqDecoder.Decode(ref mq, ref uniform, ref data);
                    var negative = DecodeSign(Unsafe.Add(ref column, run), ref mq, ref context, ref data);
                    BecomeSignificant(ref column, run, negative, stride);
                    Unsafe.Add(ref magnitude, run) = value;
                    if (run < 1) CleanupStep(ref column, ref magnitude, 1, value, stride, ref mq, ref context, ref zc, ref data);
                    if (run < 2) CleanupStep(ref column, ref magnitude, 2, value, stride, ref mq, ref context, ref zc, ref data);
                    if (run < 3) CleanupStep(ref column, ref magnitude, 3, value, stride, ref mq, ref context, ref zc, ref data);
                    continue; // nothing in this column was visited
                }
                else
                {
                    CleanupStep(ref column, ref magnitude, 0, value, stride, ref mq, ref context, ref zc, ref data);
                    CleanupStep(ref column, ref magnitude, 1, value, stride, ref mq, ref context, ref zc, ref data);
                    CleanupStep(ref column, ref magnitude, 2, value, stride, ref mq, ref context, ref zc, ref data);
                    CleanupStep(ref column, ref magnitude, 3, value, stride, ref mq, ref context, ref zc, ref data);
                }
                // the next bit-plane starts with nothing visited; neighbour updates never touch this bit, so clear it in one go
                if ((before & VisitedInColumn) != 0)
                    WriteColumn(ref column, ReadColumn(ref column) & ~VisitedInColumn);
            }
        }
        registers = mq;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CleanupStep(ref ushort column, ref int magnitude, int k, int value, int stride,
        ref J2kMqRegisters mq, ref byte context, ref byte zc, ref byte data)
    {
        int state = Unsafe.Add(ref column, k);
        if ((state & (Significant | Visited)) != 0)
            return;
        if (J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, Unsafe.Add(ref zc, state & Neighbours)), ref data) == 0)
            return;
        var negative = DecodeSign(state, ref mq, ref context, ref data);
        BecomeSignificant(ref column, k, negative, stride);
        Unsafe.Add(ref magnitude, k) = value;
    }

    /// <summary>Sign decoding (T.800 D.3.2): context and XOR bit from the four direct neighbours' significance and signs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeSign(int state, ref J2kMqRegisters mq, ref byte context, ref byte data)
    {
        int sign = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(SignCoding), state & 0xFFF);
        return J2kMqDecoder.Decode(ref mq, ref Unsafe.Add(ref context, sign & 0x1F), ref data) ^ (sign >> 5);
    }

    /// <summary>
    /// Marks row <paramref name="k"/> of the column significant and tells its eight neighbours; in vertically causal
    /// mode the first row of a stripe does not tell the stripe above (T.800 D.7). Rows −1 and 4 of a column are row 3
    /// of the stripe above and row 0 of the stripe below.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BecomeSignificant(ref ushort column, int k, int negative, int stride)
    {
        Unsafe.Add(ref column, k) |= (ushort)(Significant | (negative << 15));
        ref var left = ref Unsafe.Subtract(ref column, 4);
        ref var right = ref Unsafe.Add(ref column, 4);
        Unsafe.Add(ref left, k) |= (ushort)(East | (negative << 11));
        Unsafe.Add(ref right, k) |= (ushort)(West | (negative << 10));
        var up = k > 0 ? k - 1 : 3 - stride;
        if (k > 0 || !causal)
        {
            Unsafe.Add(ref column, up) |= (ushort)(South | (negative << 9));
            Unsafe.Add(ref left, up) |= SouthEast;
            Unsafe.Add(ref right, up) |= SouthWest;
        }
        var down = k < 3 ? k + 1 : stride;
        Unsafe.Add(ref column, down) |= (ushort)(North | (negative << 8));
        Unsafe.Add(ref left, down) |= NorthEast;
        Unsafe.Add(ref right, down) |= NorthWest;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadColumn(ref ushort column) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref column));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteColumn(ref ushort column, ulong value) => Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref column), value);
}
