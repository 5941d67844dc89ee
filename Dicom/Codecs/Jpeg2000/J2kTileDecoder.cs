using System.Buffers;
using System.Runtime.ExceptionServices;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Decodes one tile: packets (tier 2), code-blocks (tier 1), dequantisation, inverse DWT, inverse multiple component
/// transform, DC level shift (T.800 Annex G) and the write into the frame.
/// </summary>
internal sealed class J2kTileDecoder(J2kCodestream codestream, FrameInfo info, J2kParallelism parallelism)
{
    private readonly J2kBlockDecoder blockDecoder = new();

    public void Decode(J2kTileParts tile, Span<byte> destination)
    {
        var size = codestream.Size;
        var componentCount = size.Components.Length;
        var parameters = new J2kTileParameters(codestream.Main, tile.Header, componentCount, tile.FirstOffset);
        var components = J2kTileLayoutBuilder.Build(size, parameters, tile.Index);
        ReadPackets(codestream.Data, tile, parameters, components);

        var ints = new int[componentCount][];
        var floats = new float[componentCount][];
        try
        {
            for (var c = 0; c < componentCount; c++)
            {
                var component = components[c];
                var area = component.Width * component.Height;
                if (component.Style.Reversible)
                {
                    ints[c] = ArrayPool<int>.Shared.Rent(Math.Max(1, area));
                    Array.Clear(ints[c], 0, area);
                }
                else
                {
                    floats[c] = ArrayPool<float>.Shared.Rent(Math.Max(1, area));
                    Array.Clear(floats[c], 0, area);
                }
                DecodeCodeBlocks(component, ints[c], floats[c], tile.FirstOffset);
                if (component.Style.Reversible)
                    J2kInverseDwt.Reversible(ints[c], component.Width, component);
                else
                    J2kInverseDwt.Irreversible(floats[c], component.Width, component);
            }
            if (parameters.Cod.MultipleComponentTransform && componentCount >= 3)
                J2kComponentTransform.Inverse(components, ints, floats, tile.FirstOffset);
            for (var c = 0; c < componentCount; c++)
                J2kFrameWriter.Write(size, size.Components[c], components[c], ints[c], floats[c], c, info, destination);
        }
        finally
        {
            foreach (var buffer in ints)
                if (buffer is not null) ArrayPool<int>.Shared.Return(buffer);
            foreach (var buffer in floats)
                if (buffer is not null) ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static void ReadPackets(byte[] source, J2kTileParts tile, J2kTileParameters parameters, J2kTileComponent[] components)
    {
        var body = Join(source, tile.Bodies);
        byte[]? packed = null;
        if (tile.PackedHeadersPpm.Count > 0)
            packed = JoinArrays(tile.PackedHeadersPpm);
        else if (tile.PackedHeadersPpt.Count > 0)
            packed = Join(source, tile.PackedHeadersPpt);
        var bodyOffset = tile.Bodies.Count > 0 ? tile.Bodies[0].Start : tile.FirstOffset;
        var packets = new J2kPacketDecoder(body, packed, parameters.Cod, bodyOffset);
        var progressions = parameters.Progressions ?? [J2kProgression.Default(parameters.Cod, components.Length)];
        J2kProgression.Visit(components, parameters.Cod.Layers, progressions, (c, r, p, l) =>
        {
            if (!packets.HasData)
                return false;
            packets.ReadPacket(components[c].Resolutions[r].Precincts[p], l, components[c].Style.CodeBlockStyle);
            return true;
        });
    }

    private static byte[] Join(byte[] source, List<(int Start, int Length)> parts)
    {
        var total = 0;
        foreach (var (_, length) in parts)
            total += length;
        var joined = new byte[total];
        var position = 0;
        foreach (var (start, length) in parts)
        {
            source.AsSpan(start, length).CopyTo(joined.AsSpan(position));
            position += length;
        }
        return joined;
    }

    private static byte[] JoinArrays(List<byte[]> parts)
    {
        var total = 0;
        foreach (var part in parts)
            total += part.Length;
        var joined = new byte[total];
        var position = 0;
        foreach (var part in parts)
        {
            part.CopyTo(joined, position);
            position += part.Length;
        }
        return joined;
    }

    /// <summary>
    /// Tier 1 for every code-block of the component, each written into its own area of the component buffer. Code-blocks
    /// are independent (T.800 D.1), so a large component spreads them over several threads, one block decoder each.
    /// </summary>
    private void DecodeCodeBlocks(J2kTileComponent component, int[]? ints, float[]? floats, long offset)
    {
        var work = new List<(J2kCodeBlock Block, J2kBand Band)>();
        foreach (var resolution in component.Resolutions)
        {
            foreach (var precinct in resolution.Precincts)
            {
                foreach (var part in precinct.Bands)
                {
                    foreach (var block in part.Blocks)
                    {
                        if (block.Passes > 0)
                            work.Add((block, part.Band));
                    }
                }
            }
        }
        var threads = parallelism.ThreadsFor((long)component.Width * component.Height, work.Count);
        if (threads <= 1)
        {
            foreach (var (block, band) in work)
                DecodeCodeBlock(blockDecoder, block, band, component, ints, floats, offset);
            return;
        }
        try
        {
            Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new J2kBlockDecoder(),
                (i, _, decoder) =>
                {
                    DecodeCodeBlock(decoder, work[i].Block, work[i].Band, component, ints, floats, offset);
                    return decoder;
                },
                _ => { });
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // the decoder's contract is a DicomException, not the wrapper Parallel puts around it
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
    }

    private static void DecodeCodeBlock(J2kBlockDecoder decoder, J2kCodeBlock block, J2kBand band, J2kTileComponent component,
        int[]? ints, float[]? floats, long offset)
    {
        var stride = component.Width;
        var roi = component.RoiShift;
        decoder.Decode(block, band, roi, component.Style.CodeBlockStyle, offset);
        var start = (band.BufferY + block.Y0 - band.Y0) * stride + band.BufferX + block.X0 - band.X0;
        if (ints is not null)
            decoder.StoreReversible(ints, start, stride, roi);
        else
            decoder.StoreIrreversible(floats!, start, stride, roi, band.StepSize);
    }
}
