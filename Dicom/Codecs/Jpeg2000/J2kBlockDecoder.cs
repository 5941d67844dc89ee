using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// EBCOT tier-1 decoding of one code-block (T.800 Annex D): significance propagation, magnitude refinement and
/// cleanup passes with every code-block style (bypass, reset, terminate each pass, vertically causal, predictable
/// termination, segmentation symbols). Magnitudes are kept with one extra fractional bit so a truncated block is
/// reconstructed at the middle of its uncertainty interval (T.800 E.1.1.2, r = ½).
/// </summary>
/// <remarks>
/// The passes scan stripes of four rows column by column (T.800 D.1), so the coefficient state is stored in that order:
/// stripe after stripe, and in a stripe column after column, the four rows of a column next to each other
/// (<see cref="IndexOf"/>). A column's four 16-bit flag words are then one 64-bit load, which is how a pass skips a
/// column with nothing to code. One column of border on each side and one stripe above and below take the neighbour
/// updates of the edge coefficients, so no update needs a test.
/// </remarks>
internal sealed partial class J2kBlockDecoder
{
    private const int MaxSide = 1024;
    private readonly byte[] contexts = new byte[J2kMqDecoder.ContextCount];
    private readonly J2kRawBitReader raw = new();
    private ushort[] flags = new ushort[(64 + 2) * 4 * (16 + 2)];
    private int[] magnitudes = new int[(64 + 2) * 4 * (16 + 2)];
    private byte[] segment = new byte[256];
    private int width;
    private int height;
    private int stripeStride;
    private byte[] zeroCoding = ZeroCoding[0];
    private bool causal;

    /// <summary>Decodes <paramref name="block"/>; then <see cref="StoreReversible"/> or <see cref="StoreIrreversible"/> put its coefficients in place.</summary>
    public void Decode(J2kCodeBlock block, J2kBand band, int roiShift, J2kCodeBlockStyle style, long offset)
    {
        width = block.Width;
        height = block.Height;
        if (width > MaxSide || height > MaxSide)
            throw J2kErrors.Corrupt($"code-block {width}×{height} too large", offset);
        stripeStride = (width + 2) * 4;
        var needed = stripeStride * ((height + 3) / 4 + 2);
        if (flags.Length < needed)
        {
            flags = new ushort[needed];
            magnitudes = new int[needed];
        }
        // magnitudes are written when a coefficient becomes significant and read only where it is, so they need no clearing
        Array.Clear(flags, 0, needed);
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
                J2kMqDecoder.Start(ref mq, ref segment[0]);
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
            var i = IndexOf(0, y);
            for (var x = 0; x < row.Length; x++, i += 4)
            {
                int f = flags[i];
                if ((f & Significant) == 0)
                    continue; // the tile buffer starts cleared
                var magnitude = Unshift(magnitudes[i], roi) >> 1;
                row[x] = (f & Negative) != 0 ? -magnitude : magnitude;
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
            var i = IndexOf(0, y);
            for (var x = 0; x < row.Length; x++, i += 4)
            {
                int f = flags[i];
                if ((f & Significant) == 0)
                    continue;
                var value = Unshift(magnitudes[i], roi) * halfStep;
                row[x] = (f & Negative) != 0 ? -value : value;
            }
        }
    }

    /// <summary>Where (x, y) of the block lives in <see cref="flags"/> and <see cref="magnitudes"/>.</summary>
    private int IndexOf(int x, int y) => ((y >> 2) + 1) * stripeStride + (x + 1) * 4 + (y & 3);

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
        ref var data = ref segment[0];
        ref var uniform = ref contexts[J2kMqDecoder.UniformContext];
        for (var i = 0; i < 4; i++)
            J2kMqDecoder.Decode(ref mq, ref uniform, ref data);
    }
}
