namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The main header and the tile-parts of a codestream (T.800 Annex A): SOC, SIZ, COD, COC, QCD, QCC, RGN, POC, PPM,
/// TLM, PLM, CRG, COM, CAP, CPF in the main header; SOT, COD, COC, QCD, QCC, RGN, POC, PPT, PLT, COM, SOD per tile-part.
/// PLT, PLM and TLM only index packets and tile-parts; the packets themselves say as much, so they are skipped.
/// </summary>
internal sealed class J2kCodestream
{
    private J2kCodestream(byte[] data, J2kImageSize size, J2kHeaderState main, J2kTileParts[] tiles)
    {
        Data = data;
        Size = size;
        Main = main;
        Tiles = tiles;
    }

    /// <summary>The codestream bytes the tile-parts point into.</summary>
    public byte[] Data { get; }

    public J2kImageSize Size { get; }
    public J2kHeaderState Main { get; }
    public J2kTileParts[] Tiles { get; }

    public static J2kCodestream Parse(byte[] bytes, FrameInfo info)
    {
        ReadOnlySpan<byte> data = bytes;
        if (data.Length < 4 || ReadMarker(data, 0) != J2kMarkers.Soc)
            throw J2kErrors.Corrupt("SOC marker missing at the start of the codestream", 0);
        if (ReadMarker(data, 2) != J2kMarkers.Siz)
            throw J2kErrors.Corrupt("SIZ marker must follow SOC", 2);
        var position = 4;
        var sizReader = SegmentReader(data, ref position, "SIZ");
        var size = J2kImageSize.Parse(ref sizReader, info);
        var componentCount = size.Components.Length;
        var main = new J2kHeaderState(componentCount);
        var ppm = new List<(int Index, byte[] Data)>();

        while (true)
        {
            var marker = RequireMarker(data, position, "main header");
            if (marker == J2kMarkers.Sot)
                break;
            position += 2;
            var name = J2kMarkers.Name(marker);
            var reader = SegmentReader(data, ref position, name);
            if (marker == J2kMarkers.Ppm)
            {
                var index = reader.U8();
                ppm.Add((index, data.Slice(reader.Position, reader.Remaining).ToArray()));
            }
            else
            {
                ApplyHeaderMarker(marker, ref reader, main, componentCount, isMain: true);
            }
        }

        var tiles = new J2kTileParts[size.TilesAcross * size.TilesDown];
        var tilePartOrder = new List<int>();
        while (position < data.Length)
        {
            var marker = RequireMarker(data, position, "codestream");
            if (marker == J2kMarkers.Eoc)
                break;
            if (marker != J2kMarkers.Sot)
                throw J2kErrors.Corrupt($"expected SOT or EOC, found marker {J2kMarkers.Name(marker)}", position);
            var sotStart = position;
            position += 2;
            var sot = SegmentReader(data, ref position, "SOT");
            var tileIndex = sot.U16();
            var partLength = sot.U32();
            sot.U8(); // TPsot: tile-parts of one tile follow in order, which the order of appearance already gives
            sot.U8();
            if (tileIndex >= tiles.Length)
                throw J2kErrors.Corrupt($"SOT: tile {tileIndex} but the image has {tiles.Length} tiles", sotStart + 4);
            var tile = tiles[tileIndex] ??= new J2kTileParts(tileIndex, componentCount) { FirstOffset = sotStart };
            long end = partLength == 0 ? FindEnd(data) : sotStart + partLength;
            if (end > data.Length)
                end = data.Length; // truncated tile-part: decode the packets that are there (as OpenJPEG does)
            if (end < position)
                throw J2kErrors.Corrupt($"SOT: Psot {partLength} ends inside the SOT segment", sotStart + 6);
            var isFirst = tile.PartsSeen == 0;
            tile.PartsSeen++;
            tilePartOrder.Add(tileIndex);

            while (true)
            {
                if (position + 2 > end)
                    throw J2kErrors.Corrupt("tile-part header runs past the tile-part without SOD", position);
                var headerMarker = ReadMarker(data, position);
                position += 2;
                if (headerMarker == J2kMarkers.Sod)
                    break;
                if ((headerMarker & 0xFF00) != 0xFF00)
                    throw J2kErrors.Corrupt($"expected a marker in the tile-part header, found 0x{headerMarker:X4}", position - 2);
                var name = J2kMarkers.Name(headerMarker);
                var reader = SegmentReader(data, ref position, name);
                if (position > end)
                    throw J2kErrors.Corrupt($"{name} segment runs past the tile-part", position);
                if (headerMarker == J2kMarkers.Ppt)
                {
                    reader.U8();
                    tile.PackedHeadersPpt.Add((reader.Position, reader.Remaining));
                }
                else if (headerMarker is J2kMarkers.Cod or J2kMarkers.Coc or J2kMarkers.Qcd or J2kMarkers.Qcc or J2kMarkers.Rgn)
                {
                    if (isFirst)
                        ApplyHeaderMarker(headerMarker, ref reader, tile.Header, componentCount, isMain: false);
                }
                else
                {
                    ApplyHeaderMarker(headerMarker, ref reader, tile.Header, componentCount, isMain: false);
                }
            }
            tile.Bodies.Add((position, (int)end - position));
            position = (int)end;
        }

        if (ppm.Count > 0)
            DistributePackedHeaders(ppm, tilePartOrder, tiles);
        return new J2kCodestream(bytes, size, main, tiles);
    }

    private static void ApplyHeaderMarker(int marker, ref J2kSegmentReader reader, J2kHeaderState state, int componentCount, bool isMain)
    {
        switch (marker)
        {
            case J2kMarkers.Cod:
                state.Cod = J2kCodingStyle.Parse(ref reader);
                break;
            case J2kMarkers.Coc:
            {
                var c = ComponentIndex(ref reader, componentCount);
                var scoc = reader.U8();
                state.Coc[c] = J2kComponentStyle.Parse(ref reader, (scoc & 1) != 0);
                break;
            }
            case J2kMarkers.Qcd:
                state.Qcd = J2kQuantization.Parse(ref reader);
                break;
            case J2kMarkers.Qcc:
            {
                var c = ComponentIndex(ref reader, componentCount);
                state.Qcc[c] = J2kQuantization.Parse(ref reader);
                break;
            }
            case J2kMarkers.Rgn:
            {
                var c = ComponentIndex(ref reader, componentCount);
                var style = reader.U8();
                if (style != 0)
                    throw reader.Corrupt($"ROI style {style}; Part 1 defines only max-shift (0)");
                state.RoiShift[c] = reader.U8();
                if (state.RoiShift[c] > 37)
                    throw reader.Corrupt($"ROI shift {state.RoiShift[c]} beyond 37");
                break;
            }
            case J2kMarkers.Poc:
                var changes = J2kProgressionChange.Parse(ref reader, componentCount);
                (state.Progressions ??= []).AddRange(changes);
                break;
            case J2kMarkers.Siz or J2kMarkers.Soc or J2kMarkers.Sod or J2kMarkers.Eoc:
                throw reader.Corrupt($"marker out of place in the {(isMain ? "main" : "tile-part")} header");
            default:
                break; // TLM, PLM, PLT, CRG, COM, CAP, CPF and unknown segments carry nothing the decoder needs
        }
    }

    private static int ComponentIndex(ref J2kSegmentReader reader, int componentCount)
    {
        var c = reader.Component(componentCount);
        if (c >= componentCount)
            throw reader.Corrupt($"component {c} but the image has {componentCount}");
        return c;
    }

    /// <summary>PPM: Nppm bytes of packed headers per tile-part, in the order the tile-parts appear (T.800 A.7.4).</summary>
    private static void DistributePackedHeaders(List<(int Index, byte[] Data)> segments, List<int> tilePartOrder, J2kTileParts[] tiles)
    {
        segments.Sort((a, b) => a.Index.CompareTo(b.Index));
        var joined = new List<byte>();
        foreach (var (_, bytes) in segments)
            joined.AddRange(bytes);
        var all = joined.ToArray();
        var position = 0;
        foreach (var tileIndex in tilePartOrder)
        {
            if (position + 4 > all.Length)
                throw J2kErrors.Corrupt("PPM: fewer packed headers than tile-parts", 0);
            var length = (all[position] << 24) | (all[position + 1] << 16) | (all[position + 2] << 8) | all[position + 3];
            position += 4;
            if (length < 0 || length > all.Length - position)
                throw J2kErrors.Corrupt($"PPM: Nppm {length} runs past the packed headers", 0);
            tiles[tileIndex].PackedHeadersPpm.Add(all.AsSpan(position, length).ToArray());
            position += length;
        }
    }

    private static J2kSegmentReader SegmentReader(ReadOnlySpan<byte> data, ref int position, string name)
    {
        if (position + 2 > data.Length)
            throw J2kErrors.Corrupt($"{name}: segment length missing", position);
        var length = (data[position] << 8) | data[position + 1];
        if (length < 2 || position + length > data.Length)
            throw J2kErrors.Corrupt($"{name}: segment length {length} runs past the codestream", position);
        var reader = new J2kSegmentReader(data, position + 2, position + length, name);
        position += length;
        return reader;
    }

    private static int RequireMarker(ReadOnlySpan<byte> data, int position, string where)
    {
        if (position + 2 > data.Length)
            throw J2kErrors.Corrupt($"codestream ends inside the {where}", position);
        var marker = ReadMarker(data, position);
        if ((marker & 0xFF00) != 0xFF00)
            throw J2kErrors.Corrupt($"expected a marker in the {where}, found 0x{marker:X4}", position);
        return marker;
    }

    private static int ReadMarker(ReadOnlySpan<byte> data, int position) => (data[position] << 8) | data[position + 1];

    /// <summary>Psot 0: the tile-part runs to EOC (or to the end of a stream whose EOC is missing).</summary>
    private static long FindEnd(ReadOnlySpan<byte> data)
    {
        var end = data.Length;
        while (end > 0 && data[end - 1] == 0)
            end--; // DICOM pads fragments to even length
        return end >= 2 && ReadMarker(data, end - 2) == J2kMarkers.Eoc ? end - 2 : end;
    }
}
