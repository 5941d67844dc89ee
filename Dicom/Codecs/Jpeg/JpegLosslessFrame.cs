using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// The samples of a lossless (process 14, ITU T.81 Annex H) frame: one plane per component, filled scan by scan.
/// Planes hold the reconstructed values before the point transform is undone.
/// </summary>
internal sealed class JpegLosslessFrame : IDisposable
{
    private readonly JpegFrameHeader _frame;
    private readonly ushort[][] _planes;
    private readonly bool[] _decoded;
    private readonly int _width;
    private readonly int _height;
    private readonly int[] _pointTransform;

    private JpegLosslessFrame(JpegFrameHeader frame)
    {
        _frame = frame;
        _width = frame.SamplesPerLine;
        _height = frame.Lines;
        _planes = new ushort[frame.Components.Length][];
        for (var i = 0; i < _planes.Length; i++)
            _planes[i] = ArrayPool<ushort>.Shared.Rent(_width * _height);
        _decoded = new bool[frame.Components.Length];
        _pointTransform = new int[frame.Components.Length];
    }

    public static JpegLosslessFrame Create(JpegFrameHeader frame, FrameInfo info)
    {
        if (frame.Precision is < 2 or > 16)
            throw JpegErrors.Corrupt($"lossless JPEG precision {frame.Precision} is outside 2 to 16 bits", 0);
        if (frame.Precision > 8 * info.BytesPerSample)
            throw JpegErrors.Corrupt($"JPEG precision {frame.Precision} does not fit Bits Allocated {info.BitsAllocated}", 0);
        if (info.BytesPerSample > 2)
            throw JpegErrors.Unsupported($"lossless JPEG with Bits Allocated {info.BitsAllocated} is not supported", 0);
        foreach (var component in frame.Components)
        {
            if (component.HorizontalSampling != 1 || component.VerticalSampling != 1)
                throw JpegErrors.Unsupported("lossless JPEG with subsampled components is not supported", 0);
        }

        return new JpegLosslessFrame(frame);
    }

    /// <summary>Decodes one scan (§H.2) starting at <paramref name="position"/>; returns the position of the marker after it.</summary>
    public int DecodeScan(ReadOnlySpan<byte> data, int position, JpegScanHeader scan, JpegCodestream stream)
    {
        var predictor = scan.SpectralStart;
        var pointTransform = scan.ApproximationLow;
        if (predictor is < 1 or > 7)
            throw JpegErrors.Corrupt($"lossless scan uses predictor selection value {predictor} (allowed 1 to 7)", position);
        if (pointTransform >= _frame.Precision)
            throw JpegErrors.Corrupt($"point transform {pointTransform} is not below precision {_frame.Precision}", position);

        var componentCount = scan.Components.Length;
        var tables = new JpegHuffmanTable[componentCount];
        var planes = new ushort[componentCount][];
        for (var i = 0; i < componentCount; i++)
        {
            var component = scan.Components[i].Component;
            tables[i] = stream.DcTables[scan.Components[i].DcTable]
                ?? throw JpegErrors.Corrupt($"scan uses Huffman table {scan.Components[i].DcTable}, which is not defined", position);
            if (_decoded[component.Index])
                throw JpegErrors.Corrupt($"component {component.Id} is coded in two scans", position);
            _decoded[component.Index] = true;
            _pointTransform[component.Index] = pointTransform;
            planes[i] = _planes[component.Index];
        }

        // §H.1.2.1 with a restart interval that spans whole lines, the only layout encoders use.
        var restartInterval = stream.RestartInterval;
        if (restartInterval % _width != 0)
            throw JpegErrors.Unsupported($"lossless restart interval {restartInterval} is not a whole number of lines of {_width}", position);
        var linesPerInterval = restartInterval / _width;

        var reader = new JpegBitReader(data, position);
        var initialPrediction = 1 << (_frame.Precision - pointTransform - 1);
        var restartIndex = 0;
        var firstLine = true;
        for (var y = 0; y < _height; y++)
        {
            if (linesPerInterval > 0 && y > 0 && y % linesPerInterval == 0)
            {
                reader.ReadRestartMarker(restartIndex);
                restartIndex = (restartIndex + 1) & 7;
                firstLine = true;
            }

            var rowStart = y * _width;
            if (componentCount == 1)
            {
                var above = firstLine ? default : planes[0].AsSpan(rowStart - _width, _width);
                JpegLosslessLineDecoder.DecodeLine(ref reader, tables[0], planes[0].AsSpan(rowStart, _width), above, predictor, initialPrediction);
            }
            else
            {
                JpegLosslessLineDecoder.DecodeInterleavedLine(ref reader, tables, planes, rowStart, _width, firstLine, predictor, initialPrediction);
            }

            if (reader.HasReadPastEnd)
                throw JpegErrors.Corrupt($"lossless scan data ends in line {y} of {_height}", reader.Position);
            firstLine = false;
        }

        return JpegBitReader.FindMarker(data, reader.Position);
    }

    /// <summary>Writes all components interleaved, little endian, undoing the point transform (§H.1.2.2 / A.4).</summary>
    public void WriteTo(Span<byte> destination, FrameInfo info)
    {
        for (var c = 0; c < _decoded.Length; c++)
        {
            if (!_decoded[c])
                throw JpegErrors.Corrupt($"component {_frame.Components[c].Id} is never coded in a scan", 0);
        }

        var sampleCount = _width * _height;
        var componentCount = _planes.Length;
        for (var c = 0; c < componentCount; c++)
        {
            var plane = _planes[c].AsSpan(0, sampleCount);
            var shift = _pointTransform[c];
            if (info.BytesPerSample == 1)
            {
                for (var i = 0; i < plane.Length; i++)
                    destination[i * componentCount + c] = (byte)(plane[i] << shift);
            }
            else if (componentCount == 1 && BitConverter.IsLittleEndian)
            {
                var samples = MemoryMarshal.Cast<byte, ushort>(destination);
                for (var i = 0; i < plane.Length; i++)
                    samples[i] = (ushort)(plane[i] << shift);
            }
            else
            {
                for (var i = 0; i < plane.Length; i++)
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[((i * componentCount + c) * 2)..], (ushort)(plane[i] << shift));
            }
        }
    }

    public void Dispose()
    {
        foreach (var plane in _planes)
            ArrayPool<ushort>.Shared.Return(plane);
    }
}
