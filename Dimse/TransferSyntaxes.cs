using HeadCt.Dicom;

namespace HeadCt.Dimse;

/// <summary>Transfer syntax lists for negotiation (PS3.5 §10, Annex A).</summary>
public static class TransferSyntaxes
{
    /// <summary>
    /// Every syntax whose data set our reader parses and whose pixel data our decoders decode: all of PS3.5 Annex A in
    /// the Dicom library but HTJ2K (…4.201–203), whose block decoder is not written yet.
    /// </summary>
    public static IReadOnlyList<string> Decodable { get; } =
    [
        TransferSyntax.ImplicitVrLittleEndian.Uid, TransferSyntax.ExplicitVrLittleEndian.Uid,
        TransferSyntax.DeflatedExplicitVrLittleEndian.Uid, TransferSyntax.ExplicitVrBigEndian.Uid,
        TransferSyntax.EncapsulatedUncompressed.Uid, TransferSyntax.DeflatedImageFrameCompression.Uid,
        TransferSyntax.JpegBaseline.Uid, TransferSyntax.JpegExtended.Uid, TransferSyntax.JpegLossless.Uid,
        TransferSyntax.JpegLosslessSv1.Uid, TransferSyntax.JpegLsLossless.Uid, TransferSyntax.JpegLsNearLossless.Uid,
        TransferSyntax.Jpeg2000Lossless.Uid, TransferSyntax.Jpeg2000.Uid, TransferSyntax.RleLossless.Uid,
    ];

    /// <summary>PS3.7 §A.2.1 / PS3.5 §10.1: every DICOM AE supports Implicit VR Little Endian.</summary>
    public static string Default => TransferSyntax.ImplicitVrLittleEndian.Uid;
}
