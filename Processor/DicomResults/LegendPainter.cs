namespace HeadCt.Processor.DicomResults;

/// <summary>
/// Puts an image and its legend on one RGB canvas: the image on top, untouched, and below it a black band with the
/// legend lines in white (wrapped to the width), so the annotation never hides anatomy.
/// </summary>
public static class LegendPainter
{
    private const int Margin = 4, LineGap = 3;

    /// <returns>Interleaved RGB of <paramref name="width"/> × the returned height.</returns>
    public static (byte[] Rgb, int Height) Compose(ReadOnlySpan<byte> rgba, int width, int height, IReadOnlyList<string> lines)
    {
        var scale = width >= 384 ? 2 : 1;
        var charWidth = (LegendFont.Width + 1) * scale;
        var perLine = Math.Max(1, (width - 2 * Margin) / charWidth);
        var wrapped = lines.SelectMany(line => Wrap(line, perLine)).ToList();
        var lineHeight = LegendFont.Height * scale + LineGap;
        var band = 2 * Margin + wrapped.Count * lineHeight;
        var total = height + band;
        var rgb = new byte[width * total * 3];
        for (var i = 0; i < width * height; i++)
        {
            rgb[i * 3] = rgba[i * 4];
            rgb[i * 3 + 1] = rgba[i * 4 + 1];
            rgb[i * 3 + 2] = rgba[i * 4 + 2];
        }

        for (var line = 0; line < wrapped.Count; line++)
        {
            var top = height + Margin + line * lineHeight;
            for (var c = 0; c < wrapped[line].Length; c++)
                DrawGlyph(rgb, width, Margin + c * charWidth, top, LegendFont.Glyph(wrapped[line][c]), scale);
        }

        return (rgb, total);
    }

    private static void DrawGlyph(byte[] rgb, int width, int left, int top, ReadOnlySpan<byte> glyph, int scale)
    {
        for (var y = 0; y < LegendFont.Height * scale; y++)
        {
            for (var x = 0; x < LegendFont.Width * scale; x++)
            {
                if (!LegendFont.IsSet(glyph, x / scale, y / scale) || left + x >= width)
                    continue;
                var offset = ((top + y) * width + left + x) * 3;
                rgb[offset] = rgb[offset + 1] = rgb[offset + 2] = 255;
            }
        }
    }

    private static IEnumerable<string> Wrap(string line, int perLine)
    {
        var current = "";
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            for (var rest = word; rest.Length > 0;)
            {
                var candidate = current.Length == 0 ? rest : current + " " + rest;
                if (candidate.Length <= perLine)
                {
                    current = candidate;
                    rest = "";
                }
                else if (current.Length > 0)
                {
                    yield return current;
                    current = "";
                }
                else
                {
                    yield return rest[..perLine];
                    rest = rest[perLine..];
                }
            }
        }

        if (current.Length > 0)
            yield return current;
    }
}
