namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Tier-2 decoding (T.800 Annex B.9, B.10): packet headers (inclusion and zero bit-plane tag trees, pass counts,
/// Lblock, segment lengths), optional SOP/EPH markers, headers packed in PPM/PPT, and the code-block data they announce.
/// </summary>
internal sealed class J2kPacketDecoder
{
    private readonly byte[] body;
    private readonly byte[]? packedHeaders;
    private readonly J2kCodingStyle cod;
    private readonly long bodyOffset;
    private readonly List<Contribution> contributions = [];
    private int bodyPosition;
    private int headerPosition;

    public J2kPacketDecoder(byte[] body, byte[]? packedHeaders, J2kCodingStyle cod, long bodyOffset)
    {
        this.body = body;
        this.packedHeaders = packedHeaders;
        this.cod = cod;
        this.bodyOffset = bodyOffset;
    }

    /// <summary>False once the data is exhausted: a truncated stream keeps what its complete packets gave (as OpenJPEG does).</summary>
    public bool HasData => bodyPosition < body.Length || (packedHeaders is not null && headerPosition < packedHeaders.Length);

    public void ReadPacket(J2kPrecinct precinct, int layer, J2kCodeBlockStyle style)
    {
        if (cod.UsesSop && bodyPosition + 6 <= body.Length && body[bodyPosition] == 0xFF && body[bodyPosition + 1] == 0x91)
            bodyPosition += 6;
        contributions.Clear();
        if (packedHeaders is null)
        {
            var bits = new J2kPacketHeaderReader(body, bodyPosition, bodyOffset);
            ReadHeader(ref bits, precinct, layer, style);
            bodyPosition = bits.Position;
        }
        else
        {
            var bits = new J2kPacketHeaderReader(packedHeaders, headerPosition, 0);
            ReadHeader(ref bits, precinct, layer, style);
            headerPosition = bits.Position;
        }
        foreach (var contribution in contributions)
        {
            var block = contribution.Block;
            var length = contribution.Length;
            if (length > body.Length - bodyPosition)
                length = body.Length - bodyPosition; // truncated: decode what arrived
            block.Append(body.AsSpan(bodyPosition, length));
            bodyPosition += length;
            if (contribution.ContinuesSegment)
            {
                var (passes, bytes) = block.Segments[^1];
                block.Segments[^1] = (passes + contribution.Passes, bytes + length);
            }
            else
            {
                block.Segments.Add((contribution.Passes, length));
            }
            block.Passes += contribution.Passes;
        }
    }

    private void ReadHeader(ref J2kPacketHeaderReader bits, J2kPrecinct precinct, int layer, J2kCodeBlockStyle style)
    {
        if (bits.ReadBit() == 0)
        {
            bits.Align();
            if (cod.UsesEph)
                bits.SkipEph();
            return;
        }
        foreach (var part in precinct.Bands)
        {
            for (var i = 0; i < part.Blocks.Length; i++)
            {
                var block = part.Blocks[i];
                bool included;
                var first = !block.Included;
                if (first)
                    included = part.Inclusion!.Decode(ref bits, i, layer + 1) <= layer;
                else
                    included = bits.ReadBit() != 0;
                if (!included)
                    continue;
                if (first)
                {
                    var zero = part.ZeroBitPlanes!.Decode(ref bits, i, 75);
                    if (zero >= 75)
                        throw J2kErrors.Corrupt("packet header: zero bit-plane count beyond 74", bodyOffset + bodyPosition);
                    block.ZeroBitPlanes = zero;
                    block.Included = true;
                }
                var newPasses = ReadPassCount(ref bits);
                while (bits.ReadBit() != 0)
                {
                    if (++block.LengthBits > 32)
                        throw J2kErrors.Corrupt("packet header: Lblock beyond 32 bits", bodyOffset + bodyPosition);
                }
                AddSegments(ref bits, block, newPasses, style);
            }
        }
        bits.Align();
        if (cod.UsesEph)
            bits.SkipEph();
    }

    /// <summary>Splits the new passes into codeword segments and reads one length per segment (T.800 B.10.7.2).</summary>
    private void AddSegments(ref J2kPacketHeaderReader bits, J2kCodeBlock block, int newPasses, J2kCodeBlockStyle style)
    {
        // a code-block appears once per packet, so its pass count is still that of the previous packets
        var passIndex = block.Passes;
        var room = block.OpenSegmentRoom;
        var continues = room > 0;
        while (newPasses > 0)
        {
            if (room == 0)
            {
                room = SegmentCapacity(passIndex, style);
                continues = false;
            }
            var take = Math.Min(room, newPasses);
            var lengthBits = block.LengthBits + FloorLog2(take);
            if (lengthBits > 30)
                throw J2kErrors.Corrupt($"packet header: {lengthBits}-bit codeword segment length", bodyOffset + bodyPosition);
            var length = bits.ReadBits(lengthBits);
            contributions.Add(new Contribution(block, take, length, continues));
            room -= take;
            newPasses -= take;
            passIndex += take;
            continues = false;
        }
        block.OpenSegmentRoom = room;
    }

    /// <summary>
    /// Passes one codeword segment holds from <paramref name="passIndex"/> on (T.800 D.4.1, Table D.9): each pass when
    /// every pass is terminated; with bypass the first ten passes, then raw SP+MR pairs and MQ cleanups; else all.
    /// HT code-blocks: a cleanup segment, then one SigProp+MagRef segment (T.814 B.3).
    /// </summary>
    public static int SegmentCapacity(int passIndex, J2kCodeBlockStyle style)
    {
        if ((style & J2kCodeBlockStyle.HighThroughput) != 0)
            return passIndex == 0 ? 1 : 2;
        if ((style & J2kCodeBlockStyle.TerminateEachPass) != 0)
            return 1;
        if ((style & J2kCodeBlockStyle.Bypass) != 0)
        {
            if (passIndex < 10)
                return 10 - passIndex;
            return (passIndex - 1) % 3 == 2 ? 1 : 2;
        }
        return int.MaxValue;
    }

    private static int ReadPassCount(ref J2kPacketHeaderReader bits)
    {
        // T.800 Table B.4
        if (bits.ReadBit() == 0)
            return 1;
        if (bits.ReadBit() == 0)
            return 2;
        var two = bits.ReadBits(2);
        if (two < 3)
            return 3 + two;
        var five = bits.ReadBits(5);
        if (five < 31)
            return 6 + five;
        return 37 + bits.ReadBits(7);
    }

    private static int FloorLog2(int value) => 31 - int.LeadingZeroCount(value);

    private readonly record struct Contribution(J2kCodeBlock Block, int Passes, int Length, bool ContinuesSegment);
}
