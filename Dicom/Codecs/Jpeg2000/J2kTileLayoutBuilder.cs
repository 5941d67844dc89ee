namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Divides a tile into tile-components, resolutions, subbands, precincts and code-blocks (T.800 B.3 to B.7).</summary>
internal static class J2kTileLayoutBuilder
{
    public static (long X0, long Y0, long X1, long Y1) TileBounds(J2kImageSize size, int tileIndex)
    {
        var p = tileIndex % size.TilesAcross;
        var q = tileIndex / size.TilesAcross;
        long x0 = Math.Max((long)size.XTOsiz + (long)p * size.XTsiz, size.XOsiz);
        long y0 = Math.Max((long)size.YTOsiz + (long)q * size.YTsiz, size.YOsiz);
        long x1 = Math.Min((long)size.XTOsiz + (long)(p + 1) * size.XTsiz, size.Xsiz);
        long y1 = Math.Min((long)size.YTOsiz + (long)(q + 1) * size.YTsiz, size.Ysiz);
        return (x0, y0, x1, y1);
    }

    public static J2kTileComponent[] Build(J2kImageSize size, J2kTileParameters parameters, int tileIndex)
    {
        var (tx0, ty0, tx1, ty1) = TileBounds(size, tileIndex);
        var components = new J2kTileComponent[size.Components.Length];
        for (var c = 0; c < components.Length; c++)
        {
            var info = size.Components[c];
            var style = parameters.Components[c];
            var quantization = parameters.Quantizations[c];
            var x0 = (int)CeilDiv(tx0, info.XRsiz);
            var y0 = (int)CeilDiv(ty0, info.YRsiz);
            var x1 = (int)CeilDiv(tx1, info.XRsiz);
            var y1 = (int)CeilDiv(ty1, info.YRsiz);
            var levels = style.DecompositionLevels;
            if ((style.CodeBlockStyle & J2kCodeBlockStyle.HighThroughput) != 0)
                throw J2kErrors.Unsupported($"COD/COC: component {c} uses HT code-blocks (T.814), whose block decoder is not available", 0);
            if (quantization.Style == J2kQuantization.None || quantization.Style == J2kQuantization.ScalarExpounded)
            {
                if (quantization.Exponents.Length < 3 * levels + 1)
                    throw J2kErrors.Corrupt($"QCD/QCC: {quantization.Exponents.Length} step sizes for {3 * levels + 1} subbands of component {c}", 0);
            }
            var resolutions = new J2kResolution[levels + 1];
            for (var r = 0; r <= levels; r++)
                resolutions[r] = BuildResolution(info, style, quantization, x0, y0, x1, y1, r, levels, tx0, ty0, resolutions);
            components[c] = new J2kTileComponent
            {
                X0 = x0, Y0 = y0, X1 = x1, Y1 = y1, Style = style, RoiShift = parameters.RoiShifts[c], Resolutions = resolutions,
            };
        }
        return components;
    }

    private static J2kResolution BuildResolution(J2kComponent info, J2kComponentStyle style, J2kQuantization quantization,
        int tcx0, int tcy0, int tcx1, int tcy1, int r, int levels, long tx0, long ty0, J2kResolution[] lower)
    {
        var shift = levels - r;
        var rx0 = (int)CeilDiv(tcx0, 1L << shift);
        var ry0 = (int)CeilDiv(tcy0, 1L << shift);
        var rx1 = (int)CeilDiv(tcx1, 1L << shift);
        var ry1 = (int)CeilDiv(tcy1, 1L << shift);

        J2kBand[] bands;
        if (r == 0)
        {
            bands = [MakeBand(info, style, quantization, 0, levels, levels, 0, rx0, ry0, rx1, ry1, 0, 0)];
        }
        else
        {
            var level = levels - r + 1;
            var lowWidth = lower[r - 1].X1 - lower[r - 1].X0;
            var lowHeight = lower[r - 1].Y1 - lower[r - 1].Y0;
            bands = new J2kBand[3];
            for (var o = 1; o <= 3; o++)
            {
                var xo = o & 1;
                var yo = o >> 1;
                long half = 1L << (level - 1);
                var bx0 = (int)CeilDiv(tcx0 - half * xo, 1L << level);
                var by0 = (int)CeilDiv(tcy0 - half * yo, 1L << level);
                var bx1 = (int)CeilDiv(tcx1 - half * xo, 1L << level);
                var by1 = (int)CeilDiv(tcy1 - half * yo, 1L << level);
                bands[o - 1] = MakeBand(info, style, quantization, o, level, levels, 3 * (r - 1) + o,
                    bx0, by0, bx1, by1, xo * lowWidth, yo * lowHeight);
            }
        }

        var ppx = style.PrecinctWidthExponent(r);
        var ppy = style.PrecinctHeightExponent(r);
        var precinctsWide = rx1 > rx0 ? (int)(CeilDiv(rx1, 1L << ppx) - (rx0 >> ppx)) : 0;
        var precinctsHigh = ry1 > ry0 ? (int)(CeilDiv(ry1, 1L << ppy) - (ry0 >> ppy)) : 0;
        var bandPpx = r == 0 ? ppx : ppx - 1;
        var bandPpy = r == 0 ? ppy : ppy - 1;
        var xcb = Math.Min(style.CodeBlockWidthExponent, bandPpx);
        var ycb = Math.Min(style.CodeBlockHeightExponent, bandPpy);
        var precincts = new J2kPrecinct[(long)precinctsWide * precinctsHigh];
        for (var py = 0; py < precinctsHigh; py++)
        {
            for (var px = 0; px < precinctsWide; px++)
            {
                var gx = (long)(rx0 >> ppx) + px;
                var gy = (long)(ry0 >> ppy) + py;
                var precinctBands = new J2kPrecinctBand[bands.Length];
                for (var b = 0; b < bands.Length; b++)
                    precinctBands[b] = BuildPrecinctBand(bands[b], gx << bandPpx, gy << bandPpy, 1L << bandPpx, 1L << bandPpy, xcb, ycb);
                // upper-left corner on the reference grid, as the position-driven progressions meet it (T.800 B.12.1.3)
                var gridX = px == 0 && (rx0 & ((1 << ppx) - 1)) != 0 ? tx0 : (gx << ppx << shift) * info.XRsiz;
                var gridY = py == 0 && (ry0 & ((1 << ppy) - 1)) != 0 ? ty0 : (gy << ppy << shift) * info.YRsiz;
                precincts[py * precinctsWide + px] = new J2kPrecinct(precinctBands, gridX, gridY);
            }
        }
        return new J2kResolution { X0 = rx0, Y0 = ry0, X1 = rx1, Y1 = ry1, Bands = bands, Precincts = precincts };
    }

    private static J2kPrecinctBand BuildPrecinctBand(J2kBand band, long px0, long py0, long pw, long ph, int xcb, int ycb)
    {
        var x0 = Math.Max(px0, band.X0);
        var y0 = Math.Max(py0, band.Y0);
        var x1 = Math.Min(px0 + pw, band.X1);
        var y1 = Math.Min(py0 + ph, band.Y1);
        if (x1 <= x0 || y1 <= y0)
            return new J2kPrecinctBand(band, 0, 0, []);
        var cbx0 = x0 >> xcb;
        var cby0 = y0 >> ycb;
        var wide = (int)(CeilDiv(x1, 1L << xcb) - cbx0);
        var high = (int)(CeilDiv(y1, 1L << ycb) - cby0);
        var blocks = new J2kCodeBlock[wide * high];
        for (var j = 0; j < high; j++)
        {
            for (var i = 0; i < wide; i++)
            {
                var bx = (cbx0 + i) << xcb;
                var by = (cby0 + j) << ycb;
                blocks[j * wide + i] = new J2kCodeBlock(
                    (int)Math.Max(bx, x0), (int)Math.Max(by, y0), (int)Math.Min(bx + (1L << xcb), x1), (int)Math.Min(by + (1L << ycb), y1));
            }
        }
        return new J2kPrecinctBand(band, wide, high, blocks);
    }

    private static J2kBand MakeBand(J2kComponent info, J2kComponentStyle style, J2kQuantization quantization, int orientation,
        int level, int levels, int bandIndex, int x0, int y0, int x1, int y1, int bufferX, int bufferY)
    {
        var (exponent, mantissa) = quantization.ForBand(bandIndex, level, levels);
        if (exponent < 0)
            throw J2kErrors.Corrupt($"QCD/QCC: derived step-size exponent {exponent} for subband {bandIndex}", 0);
        var gain = orientation switch { 0 => 0, 3 => 2, _ => 1 };
        // Δb = 2^(Rb − εb) (1 + μb / 2^11), Rb the nominal range of the subband (T.800 E.1.1.1)
        var step = style.Reversible ? 1f : (float)(Math.Pow(2, info.Precision + gain - exponent) * (1 + mantissa / 2048.0));
        return new J2kBand
        {
            Orientation = orientation, X0 = x0, Y0 = y0, X1 = Math.Max(x0, x1), Y1 = Math.Max(y0, y1),
            BufferX = bufferX, BufferY = bufferY,
            MagnitudeBits = quantization.GuardBits + exponent - 1, StepSize = step,
        };
    }

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -((-a) / b);
}
