namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// The tables and DC predictions of one sequential DCT scan, and the decoding of its 8×8 blocks.
/// </summary>
internal sealed class JpegSequentialScanState(JpegHuffmanTable[] dcTables, JpegHuffmanTable[] acTables, ushort[][] quantization, int precision)
{
    private readonly JpegHuffmanTable[] _dcTables = dcTables;
    private readonly JpegHuffmanTable[] _acTables = acTables;
    private readonly ushort[][] _quantization = quantization;
    private readonly int _precision = precision;
    private readonly int[] _dcPredictions = new int[dcTables.Length];
    private readonly int[] _coefficients = new int[64];

    /// <summary>DC predictions restart from zero at the start of the scan and of each restart interval (§F.2.1.3.1).</summary>
    public void ResetPredictions() => Array.Clear(_dcPredictions);

    /// <summary>Huffman-decodes one block (§F.2.2.1, §F.2.2.2), then dequantizes and inverse-transforms it into the plane.</summary>
    public void DecodeBlock(ref JpegBitReader reader, int scanComponent, JpegPlane plane, int blockColumn, int blockRow)
    {
        var coefficients = _coefficients;
        Array.Clear(coefficients);

        var dcCategory = reader.DecodeHuffman(_dcTables[scanComponent]);
        if (dcCategory > 16)
            throw JpegErrors.Corrupt($"DC difference category {dcCategory} is above 16", reader.Position);
        _dcPredictions[scanComponent] += reader.ReceiveExtend(dcCategory);
        coefficients[0] = (short)_dcPredictions[scanComponent]; // libjpeg keeps coefficients as 16-bit values

        var acTable = _acTables[scanComponent];
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

        JpegInverseDct.Transform(coefficients, _quantization[scanComponent],
            plane.Samples.AsSpan(blockRow * 8 * plane.Stride + blockColumn * 8), plane.Stride, _precision);
    }
}
