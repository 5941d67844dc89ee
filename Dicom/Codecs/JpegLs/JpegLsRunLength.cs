namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>The run-length order table J of T.87 §A.7.1.1: a run segment at RUNindex i is 2^J[i] samples long.</summary>
internal static class JpegLsRunLength
{
    public static ReadOnlySpan<byte> J =>
    [
        0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ];
}
