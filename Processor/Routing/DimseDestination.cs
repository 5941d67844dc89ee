using HeadCt.Dimse.Scu;
using HeadCt.Dimse.Telemetry;

namespace HeadCt.Processor.Routing;

/// <summary>
/// Sends Part 10 instances to a DIMSE peer (a PACS's C-STORE SCP) with our C-STORE SCU, in the transfer syntax they
/// are stored in (Explicit VR Little Endian for our result objects). Every instance must be stored (success or a
/// warning status); otherwise the send fails with each refused instance's reason, and the router retries the whole
/// set (a peer that honours SOP Instance UIDs keeps one copy).
/// </summary>
public sealed class DimseDestination(string name, ScuSettings peer, DimseTelemetry? telemetry) : IResultDestination
{
    public string Name => name;

    public async Task SendAsync(IReadOnlyList<byte[]> instances, CancellationToken cancellationToken)
    {
        var sources = new List<IStoreSource>(instances.Count);
        for (var i = 0; i < instances.Count; i++)
        {
            var bytes = instances[i];
            sources.Add(await PartTenSource.FromStreamAsync(_ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)),
                $"result object {i + 1}", cancellationToken));
        }

        var results = await StoreScu.SendAsync(peer, sources, telemetry, cancellationToken);
        var refused = results.Where(result => result.Kind != StoreResultKind.Stored).ToList();
        if (refused.Count > 0)
        {
            throw new DestinationException(
                $"C-STORE to {peer.CalledAeTitle} at {peer.Host}:{peer.Port}: {refused.Count} of {results.Count} not stored; " +
                string.Join("; ", refused.Take(3).Select(result => $"{result.SopInstanceUid}: {result.Kind} {result.Detail}")));
        }
    }
}
