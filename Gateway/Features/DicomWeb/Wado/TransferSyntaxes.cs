using HeadCt.Dicom;

namespace HeadCt.Gateway.Features.DicomWeb.Wado;

/// <summary>What WADO-RS can turn a stored syntax into, and the media types of compressed frames (PS3.18 Table 8.7.3-2).</summary>
public static class TransferSyntaxes
{
    public const string ExplicitVrLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>Encapsulated syntaxes our decoders read (HTJ2K and Deflated Image Frame Compression are not among them).</summary>
    private static readonly HashSet<string> Decodable =
    [
        TransferSyntax.EncapsulatedUncompressed.Uid, TransferSyntax.JpegBaseline.Uid, TransferSyntax.JpegExtended.Uid,
        TransferSyntax.JpegLossless.Uid, TransferSyntax.JpegLosslessSv1.Uid, TransferSyntax.JpegLsLossless.Uid,
        TransferSyntax.JpegLsNearLossless.Uid, TransferSyntax.Jpeg2000Lossless.Uid, TransferSyntax.Jpeg2000.Uid, TransferSyntax.RleLossless.Uid,
    ];

    public static bool IsNative(string uid) =>
        uid is "1.2.840.10008.1.2" or ExplicitVrLittleEndian or "1.2.840.10008.1.2.2" or "1.2.840.10008.1.2.1.99";

    /// <summary>True when an instance stored in <paramref name="uid"/> can be sent as Explicit VR Little Endian.</summary>
    public static bool CanDecodeToNative(string uid) => IsNative(uid) || Decodable.Contains(uid);

    /// <summary>The single-frame media type of a compressed syntax, or null for native ones.</summary>
    public static string? FrameMediaType(string uid) => uid switch
    {
        "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" or "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => "image/jpeg",
        "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => "image/jls",
        "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" => "image/jp2",
        "1.2.840.10008.1.2.4.201" or "1.2.840.10008.1.2.4.202" or "1.2.840.10008.1.2.4.203" => "image/jphc",
        "1.2.840.10008.1.2.5" => "image/dicom-rle",
        _ => null,
    };
}
