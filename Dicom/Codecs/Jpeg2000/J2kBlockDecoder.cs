using System.Runtime.CompilerServices;
using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// EBCOT tier-1 decoding of one code-block (T.800 Annex D): significance propagation, magnitude refinement and
/// cleanup passes with every code-block style (bypass, reset, terminate each pass, vertically causal, predictable
/// termination, segmentation symbols). Magnitudes are kept with one extra fractional bit so a truncated block is
/// reconstructed at the middle of its uncertainty interval (T.800 E.1.1.2, r = ½). The coefficient state is laid out
/// as the passes scan it (<see cref="J2kStripeColumn"/>).
/// </summary>
internal sealed partial class J2kBlockDecoder
{
    private const int MaxSide = 1024;
    private readonly byte[] contexts = new byte[J2kMqDecoder.ContextCount];
    private readonly J2kRawBitReader raw = new();
    private J2kStripeColumn[] columns = new J2kStripeColumn[(64 + 2) * (16 + 2)];
    private byte[] segment = new byte[256];
    private int width;
    private int height;
    private int columnsPerStripe;
    private byte[] zeroCoding = ZeroCoding[0];
    private bool causal;

    /// <summary>Decodes <paramref name="block"/>; then <see cref="StoreReversible"/> or <see cref="StoreIrreversible"/> put its coefficients in place.</summary>
    public void Decode(J2kCodeBlock block, J2kBand band, int roiShift, J2kCodeBlockStyle style, long offset)
    {
        width = block.Width;
        height = block.Height;
        if (width > MaxSide || height > MaxSide)
            throw J2kErrors.Corrupt($"code-block {width}×{height} too large", offset);
        columnsPerStripe = width + 2;
        var needed = columnsPerStripe * ((height + 3) / 4 + 2);
        if (columns.Length < needed)
            columns = new J2kStripeColumn[needed];
        Array.Clear(columns, 0, needed);
        zeroCoding = ZeroCoding[OrientationGroup(band.Orientation)];
        causal = (style & J2kCodeBlockStyle.VerticallyCausal) != 0;
        if (block.Passes == 0)
            return;

        var planes = band.MagnitudeBits + roiShift - block.ZeroBitPlanes;
        if (planes <= 0)
            return; // zero bit-planes beyond the magnitude bits: nothing coded that could be non-zero
        if (planes > 30)
            throw J2kErrors.Unsupported($"code-block with {planes} magnitude bit-planes (ROI shift {roiShift})", offset);

        J2kMqDecoder.ResetContexts(contexts);
        var bypass = (style & J2kCodeBlockStyle.Bypass) != 0;
        var reset = (style & J2kCodeBlockStyle.ResetContexts) != 0;
        var segmentation = (style & J2kCodeBlockStyle.SegmentationSymbols) != 0;
        var plane = planes - 1;
        var passType = 2; // 0 significance propagation, 1 magnitude refinement, 2 cleanup; the first pass is a cleanup
        var passIndex = 0;
        var dataStart = 0;
        var mq = default(J2kMqRegisters);
        foreach (var (passes, length) in block.Segments)
        {
            var isRaw = bypass && passIndex >= 10 && passType != 2;
            if (isRaw)
            {
                raw.Start(block.Data, dataStart, length);
            }
            else
            {
                CopyPadded(block.Data.AsSpan(dataStart, length));
                mq = J2kMqDecoder.Start(ref segment[0]);
            }
            dataStart += length;
            for (var p = 0; p < passes; p++)
            {
                if (plane < 0)
                    return; // more passes than bit-planes: the surplus carries nothing
                switch (passType)
                {
                    case 0:
                        if (isRaw) SignificanceRaw(plane); else Significance(plane, ref mq);
                        break;
                    case 1:
                        if (isRaw) RefinementRaw(plane); else Refinement(plane, ref mq);
                        break;
                    default:
                        Cleanup(plane, ref mq);
                        if (segmentation)
                            SegmentationSymbol(ref mq);
                        break;
                }
                if (reset)
                    J2kMqDecoder.ResetContexts(contexts);
                if (passType == 2)
                {
                    passType = 0;
                    plane--;
                }
                else
                {
                    passType++;
                }
                passIndex++;
            }
        }
    }

    /// <summary>Writes the decoded integers (5/3 path) into <paramref name="target"/> at <paramref name="start"/>, rows <paramref name="stride"/> apart; ROI max-shift undone (T.800 H.1).</summary>
    public void StoreReversible(Span<int> target, int start, int stride, int roi)
    {
        for (var y = 0; y < height; y++)
        {
            var row = target.Slice(start + y * stride, width);
            ref var column = ref columns[FirstColumnOf(y)];
            var shift = (y & 3) << 4;
            for (var x = 0; x < row.Length; x++, column = ref Unsafe.Add(ref column, 1))
            {
                var f = (int)(column.Flags >> shift);
                // 0 unless significant; the sign applied as (m ^ s) − s with s = 0 or −1
                var significant = -((f >> 12) & 1);
                var negative = -((f >> 15) & 1);
                var magnitude = (Unshift(J2kStripeColumn.Magnitude(ref column, y & 3), roi) >> 1) & significant;
                row[x] = (magnitude ^ negative) - negative;
            }
        }
    }

    /// <summary>Writes the dequantised coefficients (9/7 path, step size Δb) like <see cref="StoreReversible"/>.</summary>
    public void StoreIrreversible(Span<float> target, int start, int stride, int roi, float stepSize)
    {
        var halfStep = stepSize * 0.5f;
        for (var y = 0; y < height; y++)
        {
            var row = target.Slice(start + y * stride, width);
            ref var column = ref columns[FirstColumnOf(y)];
            var shift = (y & 3) << 4;
            for (var x = 0; x < row.Length; x++, column = ref Unsafe.Add(ref column, 1))
            {
                var f = (int)(column.Flags >> shift);
                var significant = -((f >> 12) & 1);
                var magnitude = Unshift(J2kStripeColumn.Magnitude(ref column, y & 3), roi) & significant;
                var value = magnitude * halfStep;
                row[x] = (f & Negative) != 0 ? -value : value;
            }
        }
    }

    /// <summary>Index in <see cref="columns"/> of column 0 of the stripe holding row <paramref name="y"/>.</summary>
    private int FirstColumnOf(int y) => ((y >> 2) + 1) * columnsPerStripe + 1;

    /// <summary>Magnitudes at or above 2^s belong to the region of interest and are scaled down (T.800 H.1).</summary>
    private static int Unshift(int magnitude, int roi) =>
        roi > 0 && magnitude >= (1 << roi) ? magnitude >> roi : magnitude;

    private void CopyPadded(ReadOnlySpan<byte> bytes)
    {
        if (segment.Length < bytes.Length + J2kMqDecoder.Padding)
            segment = new byte[Math.Max(bytes.Length + J2kMqDecoder.Padding, segment.Length * 2)];
        bytes.CopyTo(segment);
        segment.AsSpan(bytes.Length, J2kMqDecoder.Padding).Fill(0xFF);
    }

    /// <summary>After a cleanup pass with segmentation symbols: 1010 in the UNIFORM context (T.800 D.5); a mismatch only flags corruption, which we tolerate like OpenJPEG.</summary>
    private void SegmentationSymbol(ref J2kMqRegisters mq)
    {
        ref var uniform = ref contexts[J2kMqDecoder.UniformContext];
        for (var i = 0; i < 4; i++)
            J2kMqDecoder.Decode(ref mq, ref uniform);
    }
}
