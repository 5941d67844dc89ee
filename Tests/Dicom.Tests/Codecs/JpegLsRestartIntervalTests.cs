using System.Buffers.Binary;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Restart intervals (DRI, RSTm; T.87 §D.2.2 with T.81 §B.2.4.4): a restart resets the contexts and the line
/// above, so each interval codes exactly like a separate image of those lines. The streams here are spliced from
/// strips of real corpus images that DCMTK encoded one by one, which is what an encoder with restarts writes.
/// </summary>
public class JpegLsRestartIntervalTests
{
    public static TheoryData<string, int, string[]> Cases() => new()
    {
        { "derived/ct_slice_toshiba_head/explicit_le.dcm", 100, [] },
        { "derived/ct_slice_toshiba_head/explicit_le.dcm", 37, [] },
        { "features/photometric/RGB_SC_rgb.dcm", 30, ["+is"] },
        { "features/photometric/RGB_SC_rgb.dcm", 11, ["+il"] },
        { "features/bitdepth/8bit_CT-MONO2-8-abdo.dcm", 64, ["+en", "+md", "2"] },
    };

    [JpegLsDcmtkTheory]
    [MemberData(nameof(Cases))]
    public void GivenStreamWithRestartMarkers_WhenDecoded_ThenEachIntervalDecodesAsItsOwnImage(string source, int interval, string[] options)
    {
        var folder = JpegLsDcmtk.TemporaryFolder();
        var original = DicomReader.ReadFile(JpegLsCorpus.PathOf(source));
        var header = DicomImageHeader.From(original);
        var rowBytes = header.Columns * header.SamplesPerPixel * (header.BitsAllocated / 8);
        var nearLossless = options.Contains("+en");
        var strips = new List<byte[]>();
        var expected = new MemoryStream();
        for (var row = 0; row < header.Rows; row += interval)
        {
            var lines = Math.Min(interval, header.Rows - row);
            var encoded = EncodeStrip(source, row, lines, rowBytes, options, folder, strips.Count);
            strips.Add(JpegLsCorpus.Codestream(DicomReader.ReadFile(encoded)));
            if (nearLossless)
            {
                var reference = Path.Combine(folder, $"reference{strips.Count}.dcm");
                JpegLsDcmtk.Run("dcmdjpls", [encoded, reference]);
                expected.Write(PixelDataDecoder.Decode(DicomReader.ReadFile(reference)).Bytes);
            }
        }

        if (!nearLossless)
            expected.Write(PixelDataDecoder.Decode(original).Bytes);
        var info = JpegLsCorpus.FrameInfoOf(original); // Bits Stored = Bits Allocated here: no masking step needed
        var decoded = new byte[info.DecodedFrameLength];
        new JpegLsDecoder().Decode(Splice(strips, header.Rows, interval), info, decoded);

        Assert.Equal(JpegLsCorpus.Sha256(expected.ToArray()), JpegLsCorpus.Sha256(decoded));
        Directory.Delete(folder, recursive: true);
    }

    private static string EncodeStrip(string source, int firstRow, int lines, int rowBytes, string[] options, string folder, int index)
    {
        var file = DicomReader.ReadFile(JpegLsCorpus.PathOf(source));
        var pixels = file.Dataset.Find(DicomTags.PixelData)!;
        file.Dataset.SetNumbers(DicomTags.Rows, DicomVr.US, lines);
        file.Dataset.SetBytes(DicomTags.PixelData, pixels.Vr, pixels.Value.Slice(firstRow * rowBytes, lines * rowBytes));
        var strip = Path.Combine(folder, $"strip{index}.dcm");
        using (var output = File.Create(strip))
            DicomWriter.Write(output, file, TransferSyntax.ExplicitVrLittleEndian);
        var encoded = Path.Combine(folder, $"strip{index}.jls.dcm");
        JpegLsDcmtk.Run("dcmcjpls", [.. options, strip, encoded]);
        return encoded;
    }

    /// <summary>The first strip's headers with the full height and a DRI segment, then every strip's scan data separated by RSTm.</summary>
    private static byte[] Splice(List<byte[]> strips, int rows, int interval)
    {
        var spliced = new MemoryStream();
        var first = strips[0];
        var firstScan = ScanDataStart(first);
        var headers = first[2..firstScan];
        var frame = headers.AsSpan().IndexOf([(byte)0xFF, (byte)0xF7]);
        BinaryPrimitives.WriteUInt16BigEndian(headers.AsSpan(frame + 5), (ushort)rows);
        spliced.Write([0xFF, 0xD8, 0xFF, 0xDD, 0x00, 0x04, (byte)(interval >> 8), (byte)interval]);
        spliced.Write(headers);
        for (var i = 0; i < strips.Count; i++)
        {
            if (i > 0)
                spliced.Write([0xFF, (byte)(0xD0 + ((i - 1) & 7))]);
            var strip = strips[i];
            var scan = ScanDataStart(strip);
            spliced.Write(strip.AsSpan(scan, strip.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]) - scan));
        }

        spliced.Write([0xFF, 0xD9]);
        return spliced.ToArray();
    }

    private static int ScanDataStart(byte[] codestream)
    {
        var position = 2;
        while (codestream[position + 1] != 0xDA)
            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(codestream.AsSpan(position + 2));
        return position + 2 + BinaryPrimitives.ReadUInt16BigEndian(codestream.AsSpan(position + 2));
    }
}
