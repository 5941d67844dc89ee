using System.Runtime.InteropServices;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Lossless streams with restart intervals (§H.1.2.1: prediction restarts after each RSTm) and with one scan per
/// colour component, made from real corpus images by <see cref="JpegLosslessTestEncoder"/> (neither the corpus
/// nor DCMTK's encoder has them); DCMTK's decode of the same file is the reference.
/// </summary>
public class JpegLosslessRestartTests
{
    private const string CtSlice = "derived/ct_slice_toshiba_head/explicit_le.dcm";

    public static TheoryData<int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int>();
        for (var predictor = 1; predictor <= 7; predictor++)
            data.Add(predictor, 0, 1);
        data.Add(1, 0, 5);
        data.Add(6, 0, 37);
        data.Add(7, 2, 3);
        data.Add(4, 0, 0);
        return data;
    }

    [JpegDcmtkTheory]
    [MemberData(nameof(Cases))]
    public void GivenRestartIntervalOfWholeLines_WhenDecoded_ThenPixelsEqualDcmtkDecodeAndTheOriginal(int predictor, int pointTransform, int linesPerInterval)
    {
        var original = PixelDataDecoder.Decode(CorpusFiles.Read(CtSlice));
        var info = original.Info;
        var samples = MemoryMarshal.Cast<byte, ushort>(original.Bytes).ToArray();
        var stream = JpegLosslessTestEncoder.Encode(samples, info.Columns, info.Rows, 16, predictor, pointTransform, linesPerInterval * info.Columns);
        var folder = JpegDcmtk.TemporaryFolder();
        var encoded = Path.Combine(folder, "restart.dcm");
        var reference = Path.Combine(folder, "reference.dcm");
        WriteWithPixelStream(CtSlice, stream, encoded);
        JpegDcmtk.Run("dcmdjpeg", encoded, reference);

        var decoded = PixelDataDecoder.Decode(DicomReader.ReadFile(encoded));
        var expected = PixelDataDecoder.Decode(DicomReader.ReadFile(reference));

        Assert.True(expected.Bytes.AsSpan().SequenceEqual(decoded.Bytes), "differs from DCMTK's decode");
        if (pointTransform == 0)
            Assert.True(original.Bytes.AsSpan().SequenceEqual(decoded.Bytes), "differs from the original pixels");
        Directory.Delete(folder, recursive: true);
    }

    [JpegDcmtkTheory]
    [InlineData(1, 0)]
    [InlineData(7, 2)]
    public void GivenColourImageWithOneScanPerComponent_WhenDecoded_ThenPixelsEqualDcmtkDecode(int predictor, int linesPerInterval)
    {
        const string rgbImage = "features/photometric/RGB_SC_rgb.dcm";
        var original = PixelDataDecoder.Decode(CorpusFiles.Read(rgbImage));
        var info = original.Info;
        var planes = new ushort[3][];
        for (var c = 0; c < 3; c++)
        {
            planes[c] = new ushort[info.Rows * info.Columns];
            for (var i = 0; i < planes[c].Length; i++)
                planes[c][i] = original.Bytes[3 * i + c];
        }

        var stream = JpegLosslessTestEncoder.Encode(planes, info.Columns, info.Rows, 8, predictor, 0, linesPerInterval * info.Columns);
        var folder = JpegDcmtk.TemporaryFolder();
        var encoded = Path.Combine(folder, "planes.dcm");
        var reference = Path.Combine(folder, "reference.dcm");
        WriteWithPixelStream(rgbImage, stream, encoded);
        JpegDcmtk.Run("dcmdjpeg", encoded, reference);

        var decoded = PixelDataDecoder.Decode(DicomReader.ReadFile(encoded));
        var expected = PixelDataDecoder.Decode(DicomReader.ReadFile(reference));

        Assert.True(expected.Bytes.AsSpan().SequenceEqual(decoded.Bytes), "differs from DCMTK's decode");
        Assert.True(original.Bytes.AsSpan().SequenceEqual(decoded.Bytes), "differs from the original pixels");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void GivenRestartIntervalEndingMidLine_WhenDecoded_ThenUnsupportedPixelFormatIsReported()
    {
        var original = PixelDataDecoder.Decode(CorpusFiles.Read("syntaxes/explicit_le/MR_small.dcm"));
        var info = original.Info;
        var stream = JpegLosslessTestEncoder.Encode(MemoryMarshal.Cast<byte, ushort>(original.Bytes).ToArray(), info.Columns, info.Rows, 16, 1, 0, info.Columns);
        // Rewrite DRI (FFDD 0004 Ri) to half a line: a layout no DICOM encoder is known to write.
        var dri = stream.AsSpan().IndexOf([(byte)0xFF, (byte)0xDD]);
        stream[dri + 5] = (byte)(info.Columns / 2);

        var error = Assert.Throws<DicomException>(() => new JpegLosslessDecoder().Decode(stream, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, error.Kind);
    }

    private static void WriteWithPixelStream(string source, byte[] stream, string path)
    {
        var original = CorpusFiles.Read(source);
        var fragment = stream.Length % 2 == 0 ? stream : [.. stream, 0];
        original.Dataset.Set(DicomElement.Encapsulated(DicomTags.PixelData, new DicomFragments(ReadOnlyMemory<byte>.Empty, [fragment])));
        var file = new DicomFile(new DicomDataset(), original.Dataset, TransferSyntax.JpegLossless);
        File.WriteAllBytes(path, DicomWriter.ToBytes(file, TransferSyntax.JpegLossless));
    }
}
