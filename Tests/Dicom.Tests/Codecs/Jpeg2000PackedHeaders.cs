using System.Buffers.Binary;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Rewrites a codestream written with SOP and EPH markers so that its packet headers move into PPT markers (per
/// tile-part) or PPM markers (main header), T.800 A.7.4 and A.7.5. SOP (FF91) starts every packet and EPH (FF92)
/// ends every header; neither can occur inside packet data, so the packets split without decoding them.
/// </summary>
internal static class Jpeg2000PackedHeaders
{
    private const int MaxSegmentPayload = 60000;

    public static byte[] ToPpt(byte[] codestream) => Rewrite(codestream, usePpm: false);

    public static byte[] ToPpm(byte[] codestream) => Rewrite(codestream, usePpm: true);

    private static byte[] Rewrite(byte[] data, bool usePpm)
    {
        var firstSot = IndexOf(data, 0xFF, 0x90, 2);
        var mainHeader = data.AsSpan(0, firstSot).ToArray();
        var tileParts = new List<byte[]>();
        var ppm = new List<byte>();
        var position = firstSot;
        while (position + 1 < data.Length && data[position] == 0xFF && data[position + 1] == 0x90)
        {
            var psot = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position + 6));
            var end = psot == 0 ? data.Length - 2 : position + psot;
            var sod = IndexOf(data, 0xFF, 0x93, position + 12);
            var tileHeader = data.AsSpan(position + 12, sod - position - 12).ToArray();
            var (headers, bodies) = SplitPackets(data.AsSpan(sod + 2, end - sod - 2));

            using var part = new MemoryStream();
            part.Write(data.AsSpan(position, 12)); // SOT, Psot patched below
            part.Write(tileHeader);
            if (usePpm)
            {
                var length = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(length, headers.Length);
                ppm.AddRange(length);
                ppm.AddRange(headers);
            }
            else
            {
                WriteSegments(part, 0x61, headers);
            }
            part.Write([0xFF, 0x93]);
            part.Write(bodies);
            var bytes = part.ToArray();
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(6), (uint)bytes.Length);
            tileParts.Add(bytes);
            position = end;
        }

        using var output = new MemoryStream();
        output.Write(mainHeader);
        if (usePpm)
            WriteSegments(output, 0x60, [.. ppm]);
        foreach (var part in tileParts)
            output.Write(part);
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>Headers (each with its EPH) concatenated, and bodies (each after its SOP) concatenated.</summary>
    private static (byte[] Headers, byte[] Bodies) SplitPackets(ReadOnlySpan<byte> data)
    {
        using var headers = new MemoryStream();
        using var bodies = new MemoryStream();
        var position = 0;
        while (position < data.Length)
        {
            if (data[position] != 0xFF || data[position + 1] != 0x91)
                throw new InvalidOperationException($"no SOP at packet offset {position}");
            bodies.Write(data.Slice(position, 6));
            var headerStart = position + 6;
            var eph = data[headerStart..].IndexOf([(byte)0xFF, (byte)0x92]);
            headers.Write(data.Slice(headerStart, eph + 2));
            var bodyStart = headerStart + eph + 2;
            var next = data[bodyStart..].IndexOf([(byte)0xFF, (byte)0x91]);
            var bodyEnd = next < 0 ? data.Length : bodyStart + next;
            bodies.Write(data[bodyStart..bodyEnd]);
            position = bodyEnd;
        }
        return (headers.ToArray(), bodies.ToArray());
    }

    /// <summary>PPM/PPT segments with an index byte (Zppm / Zppt), the payload split across as many as needed.</summary>
    private static void WriteSegments(Stream output, byte marker, byte[] payload)
    {
        var index = 0;
        for (var offset = 0; offset < payload.Length || index == 0; offset += MaxSegmentPayload, index++)
        {
            var count = Math.Min(MaxSegmentPayload, payload.Length - offset);
            output.Write([0xFF, marker, (byte)((count + 3) >> 8), (byte)(count + 3), (byte)index]);
            output.Write(payload.AsSpan(offset, count));
        }
    }

    private static int IndexOf(byte[] data, byte first, byte second, int from)
    {
        var at = data.AsSpan(from).IndexOf([first, second]);
        if (at < 0)
            throw new InvalidOperationException($"marker FF{second:X2} not found");
        return from + at;
    }
}
