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

        var scanState = new JpegSequentialScanState(dcTables, acTables, quantization, _frame.Precision);
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

    private void DecodeSingleComponentScan(ref JpegBitReader reader, JpegComponent component, JpegSequentialScanState state, int restartInterval)
    {
        // A non-interleaved scan codes only the blocks that hold image samples, one block per MCU (§A.2.2).
        var plane = _planes[component.Index];
        var blocksPerLine = DivideRoundingUp(plane.ImageWidth, 8);
        var blockRows = DivideRoundingUp(plane.ImageHeight, 8);
        var restart = new JpegRestartCounter(restartInterval);
        for (var blockRow = 0; blockRow < blockRows; blockRow++)
        {
            for (var blockColumn = 0; blockColumn < blocksPerLine; blockColumn++)
            {
                restart.BeforeMcu(ref reader, state);
                state.DecodeBlock(ref reader, 0, plane, blockColumn, blockRow);
            }

            if (reader.HasReadPastEnd)
                throw JpegErrors.Corrupt($"scan data ends in block row {blockRow} of {blockRows}", reader.Position);
        }
    }

    private void DecodeInterleavedScan(ref JpegBitReader reader, JpegScanHeader scan, JpegSequentialScanState state, int restartInterval)
    {
        var restart = new JpegRestartCounter(restartInterval);
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
                            state.DecodeBlock(ref reader, i, plane,
                                mcuColumn * component.HorizontalSampling + h, mcuRow * component.VerticalSampling + v);
                        }
                    }
                }
            }

            if (reader.HasReadPastEnd)
                throw JpegErrors.Corrupt($"scan data ends in MCU row {mcuRow} of {_mcuRows}", reader.Position);
        }
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;
}
