using System.Buffers;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// The samples of a sequential DCT frame with Huffman coding (baseline SOF0 / extended SOF1, ITU T.81 Annex F):
/// each component is decoded into its own plane at its own (possibly subsampled) resolution, padded to whole MCUs.
/// </summary>
internal sealed class JpegSequentialFrame : IDisposable
{
    private readonly JpegFrameHeader _frame;
    private readonly JpegPlane[] _planes;
    private readonly bool[] _decoded;
    private readonly int _mcusPerLine;
    private readonly int _mcuRows;

    private JpegSequentialFrame(JpegFrameHeader frame)
    {
        _frame = frame;
        _mcusPerLine = DivideRoundingUp(frame.SamplesPerLine, 8 * frame.MaxHorizontalSampling);
        _mcuRows = DivideRoundingUp(frame.Lines, 8 * frame.MaxVerticalSampling);
        _planes = new JpegPlane[frame.Components.Length];
        for (var i = 0; i < _planes.Length; i++)
        {
            var component = frame.Components[i];
            _planes[i] = new JpegPlane(
                _mcusPerLine * component.HorizontalSampling * 8,
                _mcuRows * component.VerticalSampling * 8,
                DivideRoundingUp(frame.SamplesPerLine * component.HorizontalSampling, frame.MaxHorizontalSampling),
                DivideRoundingUp(frame.Lines * component.VerticalSampling, frame.MaxVerticalSampling));
        }

        _decoded = new bool[frame.Components.Length];
    }

    public static JpegSequentialFrame Create(JpegFrameHeader frame, FrameInfo info)
    {
        var precisionAllowed = frame.Marker == JpegMarkers.Sof0Baseline ? frame.Precision == 8 : frame.Precision is 8 or 12;
        if (!precisionAllowed)
            throw JpegErrors.Corrupt($"DCT frame (marker FF{frame.Marker:X2}) with precision {frame.Precision}", 0);
        if (frame.Precision > 8 * info.BytesPerSample)
            throw JpegErrors.Corrupt($"JPEG precision {frame.Precision} does not fit Bits Allocated {info.BitsAllocated}", 0);
        if (info.BytesPerSample > 2)
            throw JpegErrors.Unsupported($"JPEG with Bits Allocated {info.BitsAllocated} is not supported", 0);
        var paddedSamples = (long)DivideRoundingUp(frame.SamplesPerLine, 8 * frame.MaxHorizontalSampling) * 8 * frame.MaxHorizontalSampling
            * DivideRoundingUp(frame.Lines, 8 * frame.MaxVerticalSampling) * 8 * frame.MaxVerticalSampling;
        if (paddedSamples > Array.MaxLength)
            throw JpegErrors.Unsupported($"a {frame.SamplesPerLine}x{frame.Lines} JPEG frame is too large to decode", 0);
        foreach (var component in frame.Components)
        {
            if (frame.MaxHorizontalSampling % component.HorizontalSampling != 0 || frame.MaxVerticalSampling % component.VerticalSampling != 0)
                throw JpegErrors.Unsupported("JPEG with non-integral sampling factor ratios is not supported", 0);
        }

        return new JpegSequentialFrame(frame);
    }

    /// <summary>Decodes one scan (§F.2) starting at <paramref name="position"/>; returns the position of the marker after it.</summary>
    public int DecodeScan(ReadOnlySpan<byte> data, int position, JpegScanHeader scan, JpegCodestream stream)
    {
        // Ss, Se, Ah and Al are fixed for sequential scans (§B.2.3); like libjpeg, ignore odd values some encoders write.
        var count = scan.Components.Length;
        var dcTables = new JpegHuffmanTable[count];
        var acTables = new JpegHuffmanTable[count];
        var quantization = new ushort[count][];
        for (var i = 0; i < count; i++)
        {
            var scanComponent = scan.Components[i];
            var component = scanComponent.Component;
            dcTables[i] = stream.DcTables[scanComponent.DcTable]
                ?? throw JpegErrors.Corrupt($"scan uses DC Huffman table {scanComponent.DcTable}, which is not defined", position);
            acTables[i] = stream.AcTables[scanComponent.AcTable]
                ?? throw JpegErrors.Corrupt($"scan uses AC Huffman table {scanComponent.AcTable}, which is not defined", position);
            quantization[i] = stream.QuantizationTables[component.QuantizationTable]
                ?? throw JpegErrors.Corrupt($"component {component.Id} uses quantization table {component.QuantizationTable}, which is not defined", position);
            if (_decoded[component.Index])
                throw JpegErrors.Corrupt($"component {component.Id} is coded in two scans", position);
            _decoded[component.Index] = true;
        }

        var scanState = new ScanState(dcTables, acTables, quantization, count);
        var reader = new JpegBitReader(data, position);
        if (count == 1)
            DecodeSingleComponentScan(ref reader, scan.Components[0].Component, scanState, stream.RestartInterval);
        else
            DecodeInterleavedScan(ref reader, scan, scanState, stream.RestartInterval);

        return JpegBitReader.FindMarker(data, reader.Position);
    }

    /// <summary>Upsamples, converts colour if asked, and writes all components interleaved, little endian.</summary>
    public void WriteTo(Span<byte> destination, FrameInfo info, bool convertYCbCrToRgb)
    {
        for (var c = 0; c < _decoded.Length; c++)
        {
            if (!_decoded[c])
                throw JpegErrors.Corrupt($"component {_frame.Components[c].Id} is never coded in a scan", 0);
        }

        JpegImageWriter.Write(_frame, _planes, destination, info, convertYCbCrToRgb);
    }

    public void Dispose()
    {
        foreach (var plane in _planes)
            plane.Dispose();
    }

    private void DecodeSingleComponentScan(ref JpegBitReader reader, JpegComponent component, ScanState state, int restartInterval)
    {
        // A non-interleaved scan codes only the blocks that hold image samples, one block per MCU (§A.2.2).
        var plane = _planes[component.Index];
        var blocksPerLine = DivideRoundingUp(plane.ImageWidth, 8);
        var blockRows = DivideRoundingUp(plane.ImageHeight, 8);
        var restart = new RestartCounter(restartInterval);
        for (var blockRow = 0; blockRow < blockRows; blockRow++)
        {
            for (var blockColumn = 0; blockColumn < blocksPerLine; blockColumn++)
            {
                restart.BeforeMcu(ref reader, state);
                DecodeBlock(ref reader, state, 0, plane, blockColumn, blockRow);
            }

            if (reader.HasReadPastEnd)
                throw JpegErrors.Corrupt($"scan data ends in block row {blockRow} of {blockRows}", reader.Position);
        }
    }

    private void DecodeInterleavedScan(ref JpegBitReader reader, JpegScanHeader scan, ScanState state, int restartInterval)
    {
        var restart = new RestartCounter(restartInterval);
        for (var mcuRow = 0; mcuRow < _mcuRows; mcuRow++)
        {
            for (var mcuColumn = 0; mcuColumn < _mcusPerLine; mcuColumn++)
            {
                restart.BeforeMcu(ref reader, state);
                for (var i = 0; i < scan.Components.Length; i++)
                {
                    var component = scan.Components[i].Component;
                    var plane = _planes[component.Index];
                    for (var v = 0; v < component.VerticalSampling; v++)
                    {
                        for (var h = 0; h < component.HorizontalSampling; h++)
                        {
                            DecodeBlock(ref reader, state, i, plane,
                                mcuColumn * component.HorizontalSampling + h, mcuRow * component.VerticalSampling + v);
                        }
                    }
                }
            }

            if (reader.HasReadPastEnd)
                throw JpegErrors.Corrupt($"scan data ends in MCU row {mcuRow} of {_mcuRows}", reader.Position);
        }
    }

    /// <summary>Huffman-decodes one block (§F.2.2.1, §F.2.2.2), then dequantizes and inverse-transforms it into the plane.</summary>
    private void DecodeBlock(ref JpegBitReader reader, ScanState state, int scanComponent, JpegPlane plane, int blockColumn, int blockRow)
    {
        var coefficients = state.Coefficients;
        Array.Clear(coefficients);

        var dcCategory = reader.DecodeHuffman(state.DcTables[scanComponent]);
        if (dcCategory > 16)
            throw JpegErrors.Corrupt($"DC difference category {dcCategory} is above 16", reader.Position);
        state.DcPredictions[scanComponent] += reader.ReceiveExtend(dcCategory);
        coefficients[0] = (short)state.DcPredictions[scanComponent]; // libjpeg keeps coefficients as 16-bit values

        var acTable = state.AcTables[scanComponent];
        var naturalOrder = JpegZigZag.ToNatural;
        for (var k = 1; k < 64; k++)
        {
            var runAndSize = reader.DecodeHuffman(acTable);
            var run = runAndSize >> 4;
            var size = runAndSize & 0x0F;
            if (size != 0)
            {
                k += run; // at most 63 + 15: ToNatural has spare entries for corrupt runs
                coefficients[naturalOrder[k]] = (short)reader.ReceiveExtend(size);
            }
            else if (run == 15)
            {
                k += 15; // ZRL: sixteen zeros
            }
            else
            {
                break; // EOB
            }
        }

        JpegInverseDct.Transform(coefficients, state.Quantization[scanComponent],
            plane.Samples.AsSpan(blockRow * 8 * plane.Stride + blockColumn * 8), plane.Stride, _frame.Precision);
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    private sealed class ScanState(JpegHuffmanTable[] dcTables, JpegHuffmanTable[] acTables, ushort[][] quantization, int componentCount)
    {
        public JpegHuffmanTable[] DcTables { get; } = dcTables;
        public JpegHuffmanTable[] AcTables { get; } = acTables;
        public ushort[][] Quantization { get; } = quantization;
        public int[] DcPredictions { get; } = new int[componentCount];
        public int[] Coefficients { get; } = new int[64];
    }

    /// <summary>Counts MCUs and reads a restart marker between intervals, resetting DC predictions (§F.2.1.3.1).</summary>
    private struct RestartCounter(int interval)
    {
        private readonly int _interval = interval;
        private int _mcusLeft;
        private int _nextIndex;
        private bool _started;

        public void BeforeMcu(ref JpegBitReader reader, ScanState state)
        {
            if (_interval == 0)
                return;
            if (_started && _mcusLeft == 0)
            {
                reader.ReadRestartMarker(_nextIndex);
                _nextIndex = (_nextIndex + 1) & 7;
                _mcusLeft = _interval;
                Array.Clear(state.DcPredictions);
            }

            if (!_started)
                _mcusLeft = _interval;
            _started = true;
            _mcusLeft--;
        }
    }
}
