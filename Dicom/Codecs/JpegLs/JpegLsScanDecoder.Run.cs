namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>Run mode: run lengths and run interruption samples (T.87 §A.7), and sample-interleaved lines.</summary>
internal ref partial struct JpegLsScanDecoder
{
    private const int MaxRunIndex = 31;

    /// <summary>Decodes a run starting at <paramref name="x"/> and its interruption sample; returns the next x.</summary>
    private int DecodeRun(Span<int> previous, Span<int> line, int x, ref int runIndex)
    {
        var ra = line[x - 1];
        var length = DecodeRunLength(_width - x + 1, ref runIndex);
        line.Slice(x, length).Fill(ra);
        x += length;
        if (x > _width)
            return x;

        line[x] = DecodeRunInterruptionSample(ra, previous[x], runIndex);
        if (runIndex > 0)
            runIndex--;
        return x + 1;
    }

    /// <summary>
    /// Run length (T.87 §A.7.1.2, Code segment A.15): each 1 bit is a full segment of 2^J[RUNindex] samples
    /// (or the rest of the line); a 0 bit is followed by the J[RUNindex]-bit remainder before an interruption.
    /// </summary>
    private int DecodeRunLength(int remaining, ref int runIndex)
    {
        var count = 0;
        var j = JpegLsRunLength.J;
        while (_reader.ReadBit() == 1)
        {
            var segment = 1 << j[runIndex];
            var taken = Math.Min(segment, remaining - count);
            count += taken;
            if (taken == segment && runIndex < MaxRunIndex)
                runIndex++;
            if (count == remaining)
                return count;
        }

        count += _reader.ReadBits(j[runIndex]);
        if (count >= remaining)
            throw JpegLsErrors.Corrupt("run length reaches past the end of the line", _reader.Position);
        return count;
    }

    private int DecodeRunInterruptionSample(int ra, int rb, int runIndex)
    {
        // T.87 §A.7.2: RItype 1 predicts from Ra when Ra and Rb are (nearly) equal, else type 0 predicts from Rb.
        if (Math.Abs(ra - rb) <= _near)
            return Reconstruct(ra, DecodeRunInterruptionError(1, runIndex));
        var error = DecodeRunInterruptionError(0, runIndex);
        return Reconstruct(rb, ra > rb ? -error : error);
    }

    /// <summary>Error of a run interruption sample and its context update (T.87 §A.7.2.1 to §A.7.2.4).</summary>
    private int DecodeRunInterruptionError(int type, int runIndex)
    {
        var q = JpegLsContexts.RunInterruptionBase + type;
        ref var context = ref _contexts.All[q];
        var a = context.A;
        var n = context.N;
        var nn = context.Nn;

        var k = GolombParameter(type == 1 ? a + (n >> 1) : a, n);
        var mapped = ReadGolomb(k, Math.Max(0, _limit - JpegLsRunLength.J[runIndex] - 1 - _qbpp - 1));

        // EMErrval = 2·|Errval| - RItype - map (Code segment A.19), undone.
        var sum = mapped + type;
        var map = sum & 1;
        var magnitude = (sum + map) >> 1;
        var mapMeansNegative = k != 0 || 2 * nn >= n;
        var error = (map == 1) == mapMeansNegative ? -magnitude : magnitude;

        if (error < 0)
            nn++;
        a += (mapped + 1 - type) >> 1;
        if (n == _reset)
        {
            a >>= 1;
            n >>= 1;
            nn >>= 1;
        }

        context.A = a;
        context.N = n + 1;
        context.Nn = nn;
        return error;
    }

    /// <summary>
    /// ILV = 2: the components of a pixel are decoded in turn and share the contexts; run mode is entered only
    /// when every component's gradients are flat, and a run covers whole pixels. As in the widely deployed
    /// CharLS implementation, each interruption sample of such a run uses the RItype 0 context.
    /// </summary>
    private void DecodeSampleInterleavedLine(Span<int> lines, int current, int stride)
    {
        var componentCount = _scan.ComponentIndices.Length;
        Span<int> contextOf = stackalloc int[componentCount];
        var runIndex = _contexts.RunIndex[0];
        var x = 1;
        while (x <= _width)
        {
            var flat = true;
            for (var c = 0; c < componentCount; c++)
            {
                var previous = Line(lines, c, current ^ 1, stride);
                var line = Line(lines, c, current, stride);
                contextOf[c] = QuantizedContext(previous[x + 1] - previous[x], previous[x] - previous[x - 1], previous[x - 1] - line[x - 1]);
                flat &= contextOf[c] == 0;
            }

            if (!flat)
            {
                for (var c = 0; c < componentCount; c++)
                {
                    var previous = Line(lines, c, current ^ 1, stride);
                    var line = Line(lines, c, current, stride);
                    line[x] = DecodeRegular(contextOf[c], line[x - 1], previous[x], previous[x - 1]);
                }

                x++;
                continue;
            }

            var length = DecodeRunLength(_width - x + 1, ref runIndex);
            for (var c = 0; c < componentCount; c++)
            {
                var line = Line(lines, c, current, stride);
                line.Slice(x, length).Fill(line[x - 1]);
            }

            x += length;
            if (x > _width)
                break;

            for (var c = 0; c < componentCount; c++)
            {
                var previous = Line(lines, c, current ^ 1, stride);
                var line = Line(lines, c, current, stride);
                var ra = line[x - 1];
                var rb = previous[x];
                var error = DecodeRunInterruptionError(0, runIndex);
                line[x] = Reconstruct(rb, ra > rb ? -error : error);
            }

            if (runIndex > 0)
                runIndex--;
            x++;
        }

        _contexts.RunIndex[0] = runIndex;
    }
}
