using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Codecs;

/// <summary>The frame decoders this library ships, by transfer syntax UID.</summary>
public static class FrameDecoders
{
    private static readonly Dictionary<string, IFrameDecoder> ByUid = Build(
        new RleDecoder(), new JpegDecoder(), new JpegLosslessDecoder(), new JpegLsDecoder(), new Jpeg2000Decoder());

    /// <summary>The decoder for an encapsulated transfer syntax, or null when none is available.</summary>
    public static IFrameDecoder? Find(TransferSyntax syntax) => ByUid.GetValueOrDefault(syntax.Uid);

    private static Dictionary<string, IFrameDecoder> Build(params IFrameDecoder[] decoders)
    {
        var map = new Dictionary<string, IFrameDecoder>(StringComparer.Ordinal);
        foreach (var decoder in decoders)
            foreach (var uid in decoder.TransferSyntaxUids)
                map.Add(uid, decoder);
        return map;
    }
}
