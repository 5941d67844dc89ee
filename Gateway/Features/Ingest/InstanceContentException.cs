namespace HeadCt.Gateway.Features.Ingest;

/// <summary>
/// A content stream found, once read, that its bytes are not what their container declared (a zip entry's CRC-32 or
/// length): the instance is refused with <see cref="Exception.Message"/> as the reason and nothing of it is kept.
/// </summary>
public sealed class InstanceContentException(string reason) : Exception(reason);
