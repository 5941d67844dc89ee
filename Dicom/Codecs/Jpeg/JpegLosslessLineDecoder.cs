using System.Runtime.CompilerServices;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// Reconstructs the samples of one line of a lossless scan (ITU T.81 §H.1.2): prediction from the neighbours
/// (Table H.1) plus the Huffman-coded difference, modulo 2^16.
/// </summary>
internal static class JpegLosslessLineDecoder
{
    /// <summary>One line of a single-component scan; <paramref name="above"/> is empty on the first line of the scan or of a restart interval.</summary>
    public static void DecodeLine(ref JpegBitReader reader, JpegHuffmanTable table, Span<ushort> line, ReadOnlySpan<ushort> above, int predictor, int initialPrediction)
    {
        if (above.IsEmpty)
        {
            // First line of the scan or of a restart interval: start from 2^(P-Pt-1), then predict from the left (§H.1.2.1).
            var previous = initialPrediction;
            for (var x = 0; x < line.Length; x++)
            {
                previous = (ushort)(previous + ReadDifference(ref reader, table));
                line[x] = (ushort)previous;
            }

            return;
        }

        // Each other line starts from the sample above it (§H.1.2.1).
        line[0] = (ushort)(above[0] + ReadDifference(ref reader, table));
        if (predictor == 1)
        {
            int left = line[0];
            for (var x = 1; x < line.Length; x++)
            {
                left = (ushort)(left + ReadDifference(ref reader, table));
                line[x] = (ushort)left;
            }

            return;
        }

        for (var x = 1; x < line.Length; x++)
        {
            var prediction = Predict(predictor, line[x - 1], above[x], above[x - 1]);
            line[x] = (ushort)(prediction + ReadDifference(ref reader, table));
        }
    }

    /// <summary>One line of an interleaved scan: for each position, one sample of each component in scan order (§A.2.3).</summary>
    public static void DecodeInterleavedLine(ref JpegBitReader reader, JpegHuffmanTable[] tables, ushort[][] planes, int rowStart, int width, bool firstLine, int predictor, int initialPrediction)
    {
        for (var x = 0; x < width; x++)
        {
            var at = rowStart + x;
            for (var c = 0; c < planes.Length; c++)
            {
                var plane = planes[c];
                int prediction;
                if (firstLine)
                    prediction = x == 0 ? initialPrediction : plane[at - 1];
                else if (x == 0)
                    prediction = plane[at - width];
                else
                    prediction = Predict(predictor, plane[at - 1], plane[at - width], plane[at - width - 1]);
                plane[at] = (ushort)(prediction + ReadDifference(ref reader, tables[c]));
            }
        }
    }

    /// <summary>Predictors of Table H.1; the caller keeps the result modulo 2^16 (§H.1.2.1).</summary>
    private static int Predict(int predictor, int left, int above, int aboveLeft) => predictor switch
    {
        1 => left,
        2 => above,
        3 => aboveLeft,
        4 => left + above - aboveLeft,
        5 => left + ((above - aboveLeft) >> 1),
        6 => above + ((left - aboveLeft) >> 1),
        _ => (left + above) >> 1,
    };

    /// <summary>A Huffman-coded difference (§H.1.2.2): category SSSS then SSSS extra bits; SSSS = 16 means 32768.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDifference(ref JpegBitReader reader, JpegHuffmanTable table)
    {
        var category = reader.DecodeHuffman(table);
        return category switch
        {
            < 16 => reader.ReceiveExtend(category),
            16 => 32768,
            _ => throw JpegErrors.Corrupt($"lossless difference category {category} is above 16", reader.Position),
        };
    }
}
