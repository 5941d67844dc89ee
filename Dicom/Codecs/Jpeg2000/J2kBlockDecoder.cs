using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// EBCOT tier-1 decoding of one code-block (T.800 Annex D): significance propagation, magnitude refinement and
/// cleanup passes with every code-block style (bypass, reset, terminate each pass, vertically causal, predictable
/// termination, segmentation symbols). Magnitudes are kept with one extra fractional bit so a truncated block is
/// reconstructed at the middle of its uncertainty interval (T.800 E.1.1.2, r = ½).
/// </summary>
internal sealed class J2kBlockDecoder
{
    private const int MaxSide = 1024;
    private readonly J2kMqDecoder mq = new();
    private readonly J2kRawBitReader raw = new();
    private int[] flags = new int[66 * 66];
    private int[] magnitudes = new int[64 * 64];
    private int width;
    private int height;
    private int stride;
    private byte[] zeroCoding = J2kContextTables.ZeroCoding[0];
    private bool causal;

    /// <summary>Decodes <paramref name="block"/>; afterwards <see cref="Magnitude"/> and <see cref="IsNegative"/> hold its coefficients.</summary>
    public void Decode(J2kCodeBlock block, J2kBand band, int roiShift, J2kCodeBlockStyle style, long offset)
    {
        width = block.Width;
        height = block.Height;
        stride = width + 2;
        if (width > MaxSide || height > MaxSide)
            throw J2kErrors.Corrupt($"code-block {width}×{height} too large", offset);
        var needed = stride * (height + 2);
        if (flags.Length < needed)
            flags = new int[needed];
        if (magnitudes.Length < width * height)
            magnitudes = new int[width * height];
        Array.Clear(flags, 0, needed);
        Array.Clear(magnitudes, 0, width * height);
        zeroCoding = J2kContextTables.ZeroCoding[OrientationGroup(band.Orientation)];
        causal = (style & J2kCodeBlockStyle.VerticallyCausal) != 0;
        if (block.Passes == 0)
            return;

        var planes = band.MagnitudeBits + roiShift - block.ZeroBitPlanes;
        if (planes <= 0)
            return; // zero bit-planes beyond the magnitude bits: nothing coded that could be non-zero
        if (planes > 30)
            throw J2kErrors.Unsupported($"code-block with {planes} magnitude bit-planes (ROI shift {roiShift})", offset);

        mq.ResetContexts();
        var bypass = (style & J2kCodeBlockStyle.Bypass) != 0;
        var reset = (style & J2kCodeBlockStyle.ResetContexts) != 0;
        var segmentation = (style & J2kCodeBlockStyle.SegmentationSymbols) != 0;
        var plane = planes - 1;
        var passType = 2; // 0 significance propagation, 1 magnitude refinement, 2 cleanup; the first pass is a cleanup
        var passIndex = 0;
        var dataStart = 0;
        foreach (var (passes, length) in block.Segments)
        {
            var isRaw = bypass && passIndex >= 10 && passType != 2;
            if (isRaw)
                raw.Start(block.Data, dataStart, length);
            else
                mq.Start(block.Data, dataStart, length);
            dataStart += length;
            for (var p = 0; p < passes; p++)
            {
                if (plane < 0)
                    return; // more passes than bit-planes: the surplus carries nothing
                switch (passType)
                {
                    case 0:
                        if (isRaw) SignificanceRaw(plane); else Significance(plane);
                        break;
                    case 1:
                        if (isRaw) RefinementRaw(plane); else Refinement(plane);
                        break;
                    default:
                        Cleanup(plane);
                        if (segmentation)
                        {
                            for (var i = 0; i < 4; i++)
                                mq.Decode(J2kMqDecoder.UniformContext);
                        }
                        break;
                }
                if (reset)
                    mq.ResetContexts();
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

    public int Width => width;
    public int Height => height;

    /// <summary>Magnitude with one fractional bit (value × 2) at (x, y).</summary>
    public int Magnitude(int x, int y) => magnitudes[y * width + x];

    public bool IsNegative(int x, int y) => (flags[(y + 1) * stride + x + 1] & Negative) != 0;

    public ReadOnlySpan<int> MagnitudeRow(int y) => magnitudes.AsSpan(y * width, width);

    public ReadOnlySpan<int> FlagRow(int y) => flags.AsSpan((y + 1) * stride + 1, width);

    private void Significance(int plane)
    {
        var value = 3 << plane;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, height);
            for (var x = 0; x < width; x++)
            {
                if ((ColumnFlags(y0, y1, x) & Neighbours) == 0)
                    continue; // nothing significant around this column yet
                for (var y = y0; y < y1; y++)
                {
                    var i = (y + 1) * stride + x + 1;
                    var f = flags[i];
                    if ((f & Significant) != 0 || (f & Neighbours) == 0)
                        continue;
                    if (mq.Decode(zeroCoding[f & Neighbours]) != 0)
                    {
                        var sign = SignCoding[SignKey(f)];
                        var negative = mq.Decode(sign & 0x1F) ^ (sign >> 5);
                        BecomeSignificant(i, x, y, negative != 0);
                        magnitudes[y * width + x] = value;
                    }
                    flags[i] |= Visited;
                }
            }
        }
    }

    private void SignificanceRaw(int plane)
    {
        var value = 3 << plane;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, height);
            for (var x = 0; x < width; x++)
            {
                if ((ColumnFlags(y0, y1, x) & Neighbours) == 0)
                    continue; // nothing significant around this column yet
                for (var y = y0; y < y1; y++)
                {
                    var i = (y + 1) * stride + x + 1;
                    var f = flags[i];
                    if ((f & Significant) != 0 || (f & Neighbours) == 0)
                        continue;
                    if (raw.ReadBit() != 0)
                    {
                        BecomeSignificant(i, x, y, raw.ReadBit() != 0);
                        magnitudes[y * width + x] = value;
                    }
                    flags[i] |= Visited;
                }
            }
        }
    }

    private void Refinement(int plane)
    {
        var half = 1 << plane;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, height);
            for (var x = 0; x < width; x++)
            {
                if ((ColumnFlags(y0, y1, x) & Significant) == 0)
                    continue;
                for (var y = y0; y < y1; y++)
                {
                    var i = (y + 1) * stride + x + 1;
                    var f = flags[i];
                    if ((f & (Significant | Visited)) != Significant)
                        continue;
                    var context = (f & Refined) != 0 ? 16 : (f & Neighbours) != 0 ? 15 : 14;
                    magnitudes[y * width + x] += mq.Decode(context) != 0 ? half : -half;
                    flags[i] = f | Refined;
                }
            }
        }
    }

    private void RefinementRaw(int plane)
    {
        var half = 1 << plane;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, height);
            for (var x = 0; x < width; x++)
            {
                if ((ColumnFlags(y0, y1, x) & Significant) == 0)
                    continue;
                for (var y = y0; y < y1; y++)
                {
                    var i = (y + 1) * stride + x + 1;
                    var f = flags[i];
                    if ((f & (Significant | Visited)) != Significant)
                        continue;
                    magnitudes[y * width + x] += raw.ReadBit() != 0 ? half : -half;
                    flags[i] = f | Refined;
                }
            }
        }
    }

    private void Cleanup(int plane)
    {
        var value = 3 << plane;
        for (var y0 = 0; y0 < height; y0 += 4)
        {
            var y1 = Math.Min(y0 + 4, height);
            for (var x = 0; x < width; x++)
            {
                var start = y0;
                var top = (y0 + 1) * stride + x + 1;
                if (y1 - y0 == 4
                    && ((flags[top] | flags[top + stride] | flags[top + 2 * stride] | flags[top + 3 * stride])
                        & (Significant | Visited | Neighbours)) == 0)
                {
                    // run-length mode (T.800 D.3.4)
                    if (mq.Decode(J2kMqDecoder.RunLengthContext) == 0)
                        continue;
                    var run = mq.Decode(J2kMqDecoder.UniformContext) << 1;
                    run |= mq.Decode(J2kMqDecoder.UniformContext);
                    var y = y0 + run;
                    var i = (y + 1) * stride + x + 1;
                    var sign = SignCoding[SignKey(flags[i])];
                    var negative = mq.Decode(sign & 0x1F) ^ (sign >> 5);
                    BecomeSignificant(i, x, y, negative != 0);
                    magnitudes[y * width + x] = value;
                    start = y + 1;
                }
                for (var y = start; y < y1; y++)
                {
                    var i = (y + 1) * stride + x + 1;
                    var f = flags[i];
                    if ((f & Visited) != 0)
                    {
                        flags[i] = f & ~Visited;
                        continue;
                    }
                    if ((f & Significant) != 0)
                        continue;
                    if (mq.Decode(zeroCoding[f & Neighbours]) == 0)
                        continue;
                    var sign = SignCoding[SignKey(f)];
                    var negative = mq.Decode(sign & 0x1F) ^ (sign >> 5);
                    BecomeSignificant(i, x, y, negative != 0);
                    magnitudes[y * width + x] = value;
                }
            }
        }
    }

    /// <summary>The flags of one stripe column OR-ed together.</summary>
    private int ColumnFlags(int y0, int y1, int x)
    {
        var i = (y0 + 1) * stride + x + 1;
        var all = 0;
        for (var y = y0; y < y1; y++, i += stride)
            all |= flags[i];
        return all;
    }

    /// <summary>Marks (x, y) significant and tells its eight neighbours; in vertically causal mode the first row of a stripe does not tell the stripe above (T.800 D.7).</summary>
    private void BecomeSignificant(int i, int x, int y, bool negative)
    {
        flags[i] |= Significant | (negative ? Negative : 0);
        if (!causal || (y & 3) != 0)
        {
            var up = i - stride;
            flags[up - 1] |= SouthEast;
            flags[up] |= South | (negative ? SouthNegative : 0);
            flags[up + 1] |= SouthWest;
        }
        flags[i - 1] |= East | (negative ? EastNegative : 0);
        flags[i + 1] |= West | (negative ? WestNegative : 0);
        var down = i + stride;
        flags[down - 1] |= NorthEast;
        flags[down] |= North | (negative ? NorthNegative : 0);
        flags[down + 1] |= NorthWest;
    }
}
