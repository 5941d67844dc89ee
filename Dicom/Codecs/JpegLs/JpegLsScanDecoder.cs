using System.Buffers;
using System.Buffers.Binary;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>
/// Decodes the entropy-coded data of one scan (T.87 Annex A) line by line into the interleaved output frame.
/// </summary>
/// <remarks>
/// Each scan component keeps two lines of Columns + 2 samples: index 0 is the sample left of the line and
/// index Columns + 1 the one right of it, filled per T.87 §A.2.1 (Ra of the first sample is Rb; Rd of the
/// last sample is Rb; the line above the first line is all zeros).
/// </remarks>
internal ref partial struct JpegLsScanDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly Span<byte> _destination;
    private readonly JpegLsScanHeader _scan;
    private readonly JpegLsContexts _contexts;
    private readonly int _width;
    private readonly int _height;
    private readonly int _frameComponentCount;
    private readonly int _bytesPerSample;
    private readonly int _restartInterval;
    private readonly int _near;
    private readonly int _maxVal;
    private readonly int _range;
    private readonly int _qbpp;
    private readonly int _limit;
    private readonly ReadOnlySpan<sbyte> _quantizedGradient;
    private readonly int _escapeZeros;
    private readonly int _reset;
    private readonly int _errorScale;
    private JpegLsBitReader _reader;

    private JpegLsScanDecoder(
        ReadOnlySpan<byte> data, int start, JpegLsFrameHeader frame, JpegLsScanHeader scan,
        JpegLsCodingParameters parameters, int restartInterval, Span<byte> destination, int bytesPerSample)
    {
        _data = data;
        _destination = destination;
        _scan = scan;
        _contexts = new JpegLsContexts(scan.ComponentIndices.Length);
        _width = frame.Columns;
        _height = frame.Lines;
        _frameComponentCount = frame.ComponentIds.Length;
        _bytesPerSample = bytesPerSample;
        _restartInterval = restartInterval;
        _near = parameters.Near;
        _maxVal = parameters.MaxVal;
        _range = parameters.Range;
        _qbpp = parameters.Qbpp;
        _limit = parameters.Limit;
        _quantizedGradient = JpegLsGradientQuantizer.For(parameters).Table;
        _escapeZeros = parameters.Limit - parameters.Qbpp - 1;
        _reset = parameters.Reset;
        _errorScale = 2 * parameters.Near + 1;
        _reader = new JpegLsBitReader(data, start);
    }

    /// <summary>Decodes the scan whose data starts at <paramref name="start"/>; returns the offset of the marker ending it.</summary>
    public static int Decode(
        ReadOnlySpan<byte> data, int start, JpegLsFrameHeader frame, JpegLsScanHeader scan,
        JpegLsCodingParameters parameters, int restartInterval, Span<byte> destination, int bytesPerSample)
    {
        var decoder = new JpegLsScanDecoder(data, start, frame, scan, parameters, restartInterval, destination, bytesPerSample);
        return decoder.DecodeLines();
    }

    private int DecodeLines()
    {
        var componentCount = _scan.ComponentIndices.Length;
        var stride = _width + 2;
        var bufferLength = 2 * componentCount * stride;
        var buffer = ArrayPool<int>.Shared.Rent(bufferLength);
        try
        {
            var lines = buffer.AsSpan(0, bufferLength);
            lines.Clear();
            _contexts.Initialise(_range);
            var current = 0;
            var restartCount = 0;
            for (var y = 0; y < _height; y++)
            {
                if (_restartInterval > 0 && y > 0 && y % _restartInterval == 0)
                {
                    Restart(restartCount++);
                    lines.Clear();
                }

                for (var c = 0; c < componentCount; c++)
                {
                    var previous = Line(lines, c, current ^ 1, stride);
                    var line = Line(lines, c, current, stride);
                    previous[_width + 1] = previous[_width];
                    line[0] = previous[1];
                }

                if (_scan.Interleave == JpegLsInterleave.Sample && componentCount > 1)
                    DecodeSampleInterleavedLine(lines, current, stride);
                else
                    for (var c = 0; c < componentCount; c++)
                        DecodeLine(Line(lines, c, current ^ 1, stride), Line(lines, c, current, stride), c);

                if (_reader.HasReadPastEnd)
                    throw JpegLsErrors.Corrupt($"scan data ends in line {y} of {_height}", _reader.Position);

                for (var c = 0; c < componentCount; c++)
                    WriteLine(Line(lines, c, current, stride), y, _scan.ComponentIndices[c]);
                current ^= 1;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }

        return FindMarker(_reader.Position);
    }

    private static Span<int> Line(Span<int> lines, int component, int slot, int stride) =>
        lines.Slice((2 * component + slot) * stride, stride);

    /// <summary>T.87 §D.2 / T.81 §E.1.4: a restart interval ends byte-aligned with RSTm; decoding then starts afresh.</summary>
    private void Restart(int restartCount)
    {
        var marker = FindMarker(_reader.Position);
        // T.81 §B.1.1.2: 0xFF fill bytes may precede the marker (an encoder may also end the interval on 0xFF).
        while (marker + 2 < _data.Length && _data[marker + 1] == 0xFF)
            marker++;
        var expected = 0xD0 + (restartCount & 7);
        if (_data[marker + 1] != expected)
            throw JpegLsErrors.Corrupt($"expected restart marker RST{restartCount & 7}, found 0xFF{_data[marker + 1]:X2}", marker);
        _reader = new JpegLsBitReader(_data, marker + 2);
        _contexts.Initialise(_range);
    }

    private readonly int FindMarker(int from)
    {
        for (var i = from; i + 1 < _data.Length; i++)
            if (_data[i] == 0xFF && _data[i + 1] >= 0x80)
                return i;
        throw JpegLsErrors.Corrupt("scan data is not followed by a marker", _data.Length);
    }

    private readonly void WriteLine(ReadOnlySpan<int> line, int y, int component)
    {
        var samples = line.Slice(1, _width);
        var step = _frameComponentCount * _bytesPerSample;
        var offset = ((long)y * _width * _frameComponentCount + component) * _bytesPerSample;
        var output = _destination[(int)offset..];
        switch (_bytesPerSample)
        {
            case 1:
                for (int x = 0, o = 0; x < samples.Length; x++, o += step)
                    output[o] = (byte)samples[x];
                break;
            case 2:
                for (int x = 0, o = 0; x < samples.Length; x++, o += step)
                    BinaryPrimitives.WriteUInt16LittleEndian(output[o..], (ushort)samples[x]);
                break;
            default:
                // Bits Allocated 32 or 64 around at most 16-bit samples: the value, then zero bytes.
                for (int x = 0, o = 0; x < samples.Length; x++, o += step)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(output[o..], (uint)samples[x]);
                    output.Slice(o + 4, _bytesPerSample - 4).Clear();
                }

                break;
        }
    }
}
