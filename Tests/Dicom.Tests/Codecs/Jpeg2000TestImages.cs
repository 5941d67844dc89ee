using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Crops of real corpus images, written as raw planar input for <c>opj_compress</c>.</summary>
internal sealed record Jpeg2000TestImage(string Name, int Width, int Height, int Components, int Precision, bool Signed, int[] Samples)
{
    public FrameInfo Info => new(Height, Width, Components, Precision > 8 ? 16 : 8, Precision, Signed, 0,
        Components == 3 ? "RGB" : "MONOCHROME2");

    /// <summary>Little-endian planar samples (the .rawl input of opj_compress).</summary>
    public byte[] PlanarLittleEndian()
    {
        var bytes = Precision > 8 ? 2 : 1;
        var area = Width * Height;
        var raw = new byte[area * Components * bytes];
        for (var c = 0; c < Components; c++)
        {
            for (var i = 0; i < area; i++)
            {
                var value = Samples[i * Components + c];
                var at = (c * area + i) * bytes;
                raw[at] = (byte)value;
                if (bytes == 2)
                    raw[at + 1] = (byte)(value >> 8);
            }
        }
        return raw;
    }

    public string RawFormat => $"{Width},{Height},{Components},{Precision},{(Signed ? 's' : 'u')}";

    /// <summary>A 203×157 crop of a GE head CT slice: 12-bit unsigned (HU + 1024) or the 16-bit signed original.</summary>
    public static Jpeg2000TestImage Ct(bool signed16)
    {
        var pixels = PixelDataDecoder.Decode(CorpusFiles.Read("series/ct_head_ge_hispeed_gantry_tilt/01.dcm"));
        var columns = pixels.Info.Columns;
        const int width = 203, height = 157, left = 150, top = 170;
        var samples = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int value = BitConverter.ToInt16(pixels.Bytes, ((top + y) * columns + left + x) * 2);
                samples[y * width + x] = signed16 ? value : Math.Clamp(value + 1024, 0, 4095);
            }
        }
        return signed16
            ? new Jpeg2000TestImage("ct-s16", width, height, 1, 16, true, samples)
            : new Jpeg2000TestImage("ct-u12", width, height, 1, 12, false, samples);
    }

    /// <summary>A 150×111 RGB crop of the NEMA ultrasound image.</summary>
    public static Jpeg2000TestImage Rgb()
    {
        var pixels = PixelDataDecoder.Decode(CorpusFiles.Read("syntaxes/j2k_lossless/US1_J2KR.dcm"));
        var columns = pixels.Info.Columns;
        const int width = 150, height = 111, left = 200, top = 150;
        var samples = new int[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 3; c++)
                    samples[(y * width + x) * 3 + c] = pixels.Bytes[((top + y) * columns + left + x) * 3 + c];
        return new Jpeg2000TestImage("rgb-u8", width, height, 3, 8, false, samples);
    }
}
