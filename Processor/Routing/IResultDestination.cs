namespace HeadCt.Processor.Routing;

/// <summary>
/// A place result objects are sent to. One implementation per protocol: <see cref="StowRsDestination"/> (DICOMweb);
/// a DIMSE C-STORE sender plugs in the same way. Throws <see cref="DestinationException"/> with the reason when the
/// destination refused or could not be reached.
/// </summary>
public interface IResultDestination
{
    string Name { get; }

    Task SendAsync(IReadOnlyList<byte[]> instances, CancellationToken cancellationToken);
}

public sealed class DestinationException(string reason, Exception? inner = null) : Exception(reason, inner);
