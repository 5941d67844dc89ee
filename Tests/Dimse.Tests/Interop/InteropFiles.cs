namespace HeadCt.Dimse.Tests.Interop;

/// <summary>The corpus files the interop tests send.</summary>
public static class InteropFiles
{
    public const string HeadSeries = "ct_head_ge_hispeed_gantry_tilt";

    /// <summary>One file of every transfer syntax DCMTK 3.6.7 can send and our reader decodes (CT, MR-free, SC, SR, SEG classes we accept).</summary>
    public static readonly string[] EveryTransferSyntax =
    [
        "syntaxes/implicit_le/CT1_UNC.implicit_little_endian.dcm",
        "syntaxes/explicit_le/CT1_UNC.explicit_little_endian.dcm",
        "syntaxes/explicit_be/CT1_UNC.explicit_big_endian.dcm",
        "derived/ct_slice_toshiba_head/deflated.dcm", // syntaxes/deflated/image_dfl.dcm has 8 bytes after its deflate stream, which storescp aborts on
        "syntaxes/jpeg_baseline/JPEGwithIcon.dcm",
        "syntaxes/jpeg_extended/JPGExtended.dcm",
        "syntaxes/jpeg_lossless_p14/CT0012.fragmented_no_bot_jpeg_lossless.57.dcm",
        "syntaxes/jpeg_lossless_sv1/CT1_JPLL.dcm",
        "syntaxes/jpegls_lossless/CT1_JLSL.dcm",
        "syntaxes/jpegls_near_lossless/CT1_JLSN.dcm",
        "syntaxes/j2k_lossless/CT1_J2KR.dcm",
        "syntaxes/j2k_lossy/693_J2KI.dcm",
        "syntaxes/rle/CT1_RLE.dcm",
    ];

    /// <summary>Deflated Image Frame Compression (2024, …1.2.8.1): DCMTK 3.6.7 does not know it, so only our SCU sends it.</summary>
    public const string DeflatedImageFrame = "syntaxes/deflated_image_frame/liver_deflate.dcm";
}
