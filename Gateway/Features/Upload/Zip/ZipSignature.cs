namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>APPNOTE 4.3.7 / 4.3.16: a zip starts with a local file header, or the end record when empty.</summary>
internal static class ZipSignature
{
    public static bool IsZip(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && start[0] == (byte)'P' && start[1] == (byte)'K' &&
        ((start[2] == 3 && start[3] == 4) || (start[2] == 5 && start[3] == 6));
}
