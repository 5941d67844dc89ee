using System.Buffers.Binary;
using System.Globalization;
using HeadCt.Dicom;
using HeadCt.Dicom.Pixels;
using HeadCt.Imaging.Rendering;
using SkiaSharp;

namespace HeadCt.Gateway.Features.DicomWeb.Wado;

/// <summary>
/// A frame rendered for display (PS3.18 §8.3.5, §9.5): the Modality LUT (rescale), then the VOI window from the
/// <c>window=center,width[,linear|linear-exact|sigmoid]</c> parameter, else the instance's first window, else the
/// frame's range; MONOCHROME1 inverted; encoded as JPEG (quality 1–100, default 90) or PNG. Colour frames are
/// encoded as they decode, without a window.
/// </summary>
public static class RenderedFrame
{
    public sealed record Window(double Center, double Width, string Function);

    /// <summary>Parses the window parameter; null when absent; throws FormatException when malformed.</summary>
    public static Window? ParseWindow(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(',');
        if (parts.Length is < 2 or > 3 ||
            !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var center) ||
            !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var width) || width < 1)
        {
            throw new FormatException("window is center,width[,function] with a width of at least 1.");
        }

        var function = parts.Length == 3 ? parts[2].Trim().ToLowerInvariant() : "linear";
        return function is "linear" or "linear-exact" or "sigmoid"
            ? new Window(center, width, function)
            : throw new FormatException("The window function is linear, linear-exact or sigmoid.");
    }

    public static byte[] Render(DicomFile file, int frameIndex, Window? window, bool png, int quality)
    {
        var header = DicomImageHeader.From(file);
        var info = new HeadCt.Dicom.Codecs.FrameInfo(header.Rows, header.Columns, header.SamplesPerPixel, header.BitsAllocated,
            header.BitsStored, header.IsSigned, header.PlanarConfiguration, header.PhotometricInterpretation ?? "MONOCHROME2");
        var decoded = new byte[info.DecodedFrameLength];
        PixelDataDecoder.DecodeFrame(file, frameIndex, decoded);
        if (header.SamplesPerPixel == 3)
        {
            var rgba = new byte[header.Rows * header.Columns * 4];
            for (int p = 0, i = 0; p < rgba.Length; p += 4, i += 3 * info.BytesPerSample)
            {
                rgba[p] = decoded[i + info.BytesPerSample - 1];
                rgba[p + 1] = decoded[i + 2 * info.BytesPerSample - 1];
                rgba[p + 2] = decoded[i + 3 * info.BytesPerSample - 1];
                rgba[p + 3] = 255;
            }

            return Encode(rgba, header.Columns, header.Rows, SKColorType.Rgba8888, png, quality);
        }

        var values = new double[header.Rows * header.Columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Sample(decoded, i, info) * header.RescaleSlope + header.RescaleIntercept;
        }

        var chosen = window ?? FromHeader(header) ?? FromRange(values);
        var grey = new byte[values.Length];
        var invert = header.PhotometricInterpretation == "MONOCHROME1";
        for (var i = 0; i < values.Length; i++)
        {
            var level = Apply(values[i], chosen);
            grey[i] = (byte)(invert ? 255 - level : level);
        }

        return png ? PngEncoder.EncodeGrey(grey, header.Columns, header.Rows) : Encode(grey, header.Columns, header.Rows, SKColorType.Gray8, png, quality);
    }

    /// <summary>PS3.3 §C.11.2.1.2: linear (with its half-unit offsets), linear-exact and sigmoid VOI functions.</summary>
    private static byte Apply(double x, Window window)
    {
        double y = window.Function switch
        {
            "linear-exact" => (x - window.Center) / window.Width + 0.5,
            "sigmoid" => 1 / (1 + Math.Exp(-4 * (x - window.Center) / window.Width)),
            _ => ((x - (window.Center - 0.5)) / (window.Width - 1)) + 0.5,
        };
        return (byte)Math.Clamp(Math.Round(y * 255), 0, 255);
    }

    private static Window? FromHeader(DicomImageHeader header) =>
        header.WindowCenter.Length > 0 && header.WindowWidth.Length > 0 && header.WindowWidth[0] >= 1
            ? new Window(header.WindowCenter[0], header.WindowWidth[0], "linear")
            : null;

    private static Window FromRange(double[] values)
    {
        var (min, max) = (values.Min(), values.Max());
        return new Window((min + max) / 2, Math.Max(max - min, 1), "linear");
    }

    private static double Sample(byte[] decoded, int index, HeadCt.Dicom.Codecs.FrameInfo info) => info.BytesPerSample switch
    {
        1 => info.IsSigned ? (sbyte)decoded[index] : decoded[index],
        2 => info.IsSigned ? BinaryPrimitives.ReadInt16LittleEndian(decoded.AsSpan(index * 2)) : BinaryPrimitives.ReadUInt16LittleEndian(decoded.AsSpan(index * 2)),
        _ => info.IsSigned ? BinaryPrimitives.ReadInt32LittleEndian(decoded.AsSpan(index * 4)) : BinaryPrimitives.ReadUInt32LittleEndian(decoded.AsSpan(index * 4)),
    };

    private static byte[] Encode(byte[] pixels, int width, int height, SKColorType colorType, bool png, int quality)
    {
        var rowBytes = colorType == SKColorType.Gray8 ? width : width * 4;
        var info = new SKImageInfo(width, height, colorType, colorType == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        using var image = SKImage.FromPixelCopy(info, pixels, rowBytes)
            ?? throw new InvalidOperationException($"SkiaSharp could not take a {width}×{height} image.");
        using var data = image.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, png ? 100 : quality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}×{height} image.");
        return data.ToArray();
    }
}
