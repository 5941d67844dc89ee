namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>The archive's structure (end record, central directory) cannot be read: the whole archive is refused.</summary>
internal sealed class ZipFormatException(string reason) : Exception(reason);
