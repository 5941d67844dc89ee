namespace HeadCt.Dicom;

/// <summary>A transfer syntax (PS3.5 §10, PS3.6 Annex A) and how its data set and pixel data are encoded.</summary>
public sealed record TransferSyntax(
    string Uid,
    string Name,
    bool IsExplicitVr,
    bool IsBigEndian,
    bool IsDeflated,
    bool IsEncapsulated,
    bool IsLossy)
{
    public static readonly TransferSyntax ImplicitVrLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false, false);
    public static readonly TransferSyntax ExplicitVrLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false, false);
    public static readonly TransferSyntax DeflatedExplicitVrLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false, false);
    public static readonly TransferSyntax ExplicitVrBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, true, false, false, false);
    public static readonly TransferSyntax EncapsulatedUncompressed = new("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, true, false);
    public static readonly TransferSyntax DeflatedImageFrameCompression = new("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", true, false, false, true, false);
    public static readonly TransferSyntax JpegBaseline = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, true, true);
    public static readonly TransferSyntax JpegExtended = new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, true, true);
    public static readonly TransferSyntax JpegLossless = new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, true, false);
    public static readonly TransferSyntax JpegLosslessSv1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", true, false, false, true, false);
    public static readonly TransferSyntax JpegLsLossless = new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, true, false);
    public static readonly TransferSyntax JpegLsNearLossless = new("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true, false, false, true, true);
    public static readonly TransferSyntax Jpeg2000Lossless = new("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", true, false, false, true, false);
    public static readonly TransferSyntax Jpeg2000 = new("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, true, true);
    public static readonly TransferSyntax HtJpeg2000Lossless = new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", true, false, false, true, false);
    public static readonly TransferSyntax HtJpeg2000RpclLossless = new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)", true, false, false, true, false);
    public static readonly TransferSyntax HtJpeg2000 = new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", true, false, false, true, true);
    public static readonly TransferSyntax RleLossless = new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true, false);

    private static readonly Dictionary<string, TransferSyntax> Known = new[]
    {
        ImplicitVrLittleEndian, ExplicitVrLittleEndian, DeflatedExplicitVrLittleEndian, ExplicitVrBigEndian,
        EncapsulatedUncompressed, DeflatedImageFrameCompression, JpegBaseline, JpegExtended, JpegLossless, JpegLosslessSv1,
        JpegLsLossless, JpegLsNearLossless, Jpeg2000Lossless, Jpeg2000, HtJpeg2000Lossless, HtJpeg2000RpclLossless,
        HtJpeg2000, RleLossless,
    }.ToDictionary(ts => ts.Uid, StringComparer.Ordinal);

    /// <summary>
    /// Looks a UID up. An unknown UID is assumed to be an encapsulated Explicit VR Little Endian syntax
    /// (PS3.5 §10: every private or future compressed syntax encodes its data set that way).
    /// </summary>
    public static TransferSyntax FromUid(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(trimmed, out var ts)
            ? ts
            : new TransferSyntax(trimmed, "Unknown transfer syntax " + trimmed, true, false, false, true, false);
    }

    public bool IsKnown => Known.ContainsKey(Uid);

    public override string ToString() => $"{Name} ({Uid})";
}
