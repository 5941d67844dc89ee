namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 Part 1 (T.800; PS3.5 §A.4.4 and §8.2.4, …4.90 and …4.91) from raw codestreams or JP2 files. Output is
/// the components as the codestream holds them after the inverse component transform its COD asks for, so an RCT/ICT
/// image comes out as RGB samples while the DICOM header keeps saying YBR_RCT / YBR_ICT (the manifest's convention).
/// </summary>
public sealed class Jpeg2000Decoder : IFrameDecoder
{
    /// <summary>Samples of one tile-component from which its code-blocks are decoded on several threads (1024 × 1024).</summary>
    public const long DefaultParallelThreshold = 1024 * 1024;

    public IReadOnlyCollection<string> TransferSyntaxUids { get; } =
        [TransferSyntax.Jpeg2000Lossless.Uid, TransferSyntax.Jpeg2000.Uid];

    /// <summary>
    /// A tile-component of at least this many samples spreads its code-blocks over up to <see cref="MaxDegreeOfParallelism"/>
    /// threads; smaller ones (a 512 × 512 CT slice) decode on the calling thread, since series are decoded a slice per
    /// thread already.
    /// </summary>
    public long ParallelThreshold { get; init; } = DefaultParallelThreshold;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        J2kFrameDecoding.Decode(encodedFrame, info, destination, new J2kParallelism(ParallelThreshold, MaxDegreeOfParallelism));
}

/// <summary>When tier 1 of a tile-component runs on several threads (<see cref="Jpeg2000Decoder.ParallelThreshold"/>).</summary>
internal readonly record struct J2kParallelism(long Threshold, int MaxThreads)
{
    public int ThreadsFor(long samples, int blocks) =>
        samples < Threshold || blocks < 2 ? 1 : Math.Clamp(MaxThreads, 1, blocks);
}

/// <summary>The decoding shared by Part 1 and Part 15 frames: unwrap, parse, decode every tile.</summary>
internal static class J2kFrameDecoding
{
    public static void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination, J2kParallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (destination.Length != info.DecodedFrameLength)
            throw new ArgumentException($"destination must hold exactly {info.DecodedFrameLength} bytes", nameof(destination));
        var codestream = encodedFrame;
        if (J2kJp2Boxes.IsJp2(encodedFrame))
        {
            var (start, length) = J2kJp2Boxes.FindCodestream(encodedFrame);
            codestream = encodedFrame.Slice(start, length);
        }
        var parsed = J2kCodestream.Parse(codestream.ToArray(), info);
        destination.Clear();
        var tiles = new J2kTileDecoder(parsed, info, parallelism);
        foreach (var tile in parsed.Tiles)
        {
            if (tile is not null)
                tiles.Decode(tile, destination);
        }
    }
}
