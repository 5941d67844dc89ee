namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// A minimal lossless JPEG encoder (ITU T.81 Annex H, one component) for producing restart-interval streams,
/// which neither the corpus nor DCMTK's encoder offers. Its output is checked against DCMTK's decoder in the
/// tests, so it is an independent witness rather than a mirror of the decoder.
/// </summary>
internal static class JpegLosslessTestEncoder
{
    /// <param name="restartInterval">MCUs (samples) per restart interval, a multiple of the width; 0 for none.</param>
    public static byte[] Encode(ushort[] samples, int width, int height, int precision, int predictor, int pointTransform, int restartInterval) =>
        Encode([samples], width, height, precision, predictor, pointTransform, restartInterval);

    /// <summary>Several components, each in its own (non-interleaved) scan (§A.2.2).</summary>
    public static byte[] Encode(ushort[][] components, int width, int height, int precision, int predictor, int pointTransform, int restartInterval)
    {
        var output = new List<byte>();
        AddMarker(output, 0xD8);
        var frameHeader = new List<byte> { (byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components.Length };
        for (var c = 0; c < components.Length; c++)
            frameHeader.AddRange([(byte)(c + 1), 0x11, 0]);
        AddSegment(output, 0xC3, [.. frameHeader]);

        // Categories 0–16, all with 5-bit codes: canonical codes 0..16 in order (Annex C).
        var huffmanTable = new byte[1 + 16 + 17];
        huffmanTable[1 + 4] = 17;
        for (var category = 0; category <= 16; category++)
            huffmanTable[17 + category] = (byte)category;
        AddSegment(output, 0xC4, huffmanTable);
        if (restartInterval > 0)
            AddSegment(output, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
        for (var c = 0; c < components.Length; c++)
        {
            AddSegment(output, 0xDA, [1, (byte)(c + 1), 0x00, (byte)predictor, 0, (byte)pointTransform]);
            EncodeScan(output, components[c], width, height, precision, predictor, pointTransform, restartInterval);
        }

        AddMarker(output, 0xD9);
        return [.. output];
    }

    private static void EncodeScan(List<byte> output, ushort[] samples, int width, int height, int precision, int predictor, int pointTransform, int restartInterval)
    {
        var writer = new BitWriter(output);
        var intervalFirstLine = 0;
        var restartIndex = 0;
        for (var y = 0; y < height; y++)
        {
            if (restartInterval > 0 && y > 0 && y * width % restartInterval == 0)
            {
                writer.PadToByte();
                AddMarker(output, (byte)(0xD0 + restartIndex));
                restartIndex = (restartIndex + 1) & 7;
                intervalFirstLine = y;
            }

            for (var x = 0; x < width; x++)
            {
                int Sample(int column, int line) => samples[line * width + column] >> pointTransform;

                int prediction;
                if (y == intervalFirstLine)
                    prediction = x == 0 ? 1 << (precision - pointTransform - 1) : Sample(x - 1, y);
                else if (x == 0)
                    prediction = Sample(0, y - 1);
                else
                    prediction = Predict(predictor, Sample(x - 1, y), Sample(x, y - 1), Sample(x - 1, y - 1));

                var difference = (Sample(x, y) - prediction) & 0xFFFF;
                if (difference >= 32768)
                    difference -= 65536;
                WriteDifference(writer, difference);
            }
        }

        writer.PadToByte();
    }

    private static int Predict(int predictor, int a, int b, int c) => predictor switch
    {
        1 => a,
        2 => b,
        3 => c,
        4 => a + b - c,
        5 => a + ((b - c) >> 1),
        6 => b + ((a - c) >> 1),
        _ => (a + b) >> 1,
    };

    private static void WriteDifference(BitWriter writer, int difference)
    {
        if (difference == -32768)
        {
            writer.Write(16, 5); // category 16 carries no extra bits (§H.1.2.2)
            return;
        }

        var magnitude = Math.Abs(difference);
        var category = 0;
        while (magnitude >> category != 0)
            category++;
        writer.Write(category, 5);
        if (category > 0)
            writer.Write(difference >= 0 ? difference : difference + (1 << category) - 1, category);
    }

    private static void AddMarker(List<byte> output, byte marker)
    {
        output.Add(0xFF);
        output.Add(marker);
    }

    private static void AddSegment(List<byte> output, byte marker, byte[] payload)
    {
        AddMarker(output, marker);
        output.Add((byte)((payload.Length + 2) >> 8));
        output.Add((byte)(payload.Length + 2));
        output.AddRange(payload);
    }

    private sealed class BitWriter(List<byte> output)
    {
        private int _bits;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
                Add((value >> i) & 1);
        }

        /// <summary>Completes the last byte with 1-bits (§F.1.2.3).</summary>
        public void PadToByte()
        {
            while (_count != 0)
                Add(1);
        }

        private void Add(int bit)
        {
            _bits = (_bits << 1) | bit;
            if (++_count < 8)
                return;
            output.Add((byte)_bits);
            if (_bits == 0xFF)
                output.Add(0x00);
            _bits = 0;
            _count = 0;
        }
    }
}
