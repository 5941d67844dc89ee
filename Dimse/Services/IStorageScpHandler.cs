using HeadCt.Dimse.Association;
using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Services;

/// <summary>What an application plugs into <see cref="AssociationAcceptor"/>: who may associate, where instances go, and the end of each association.</summary>
public interface IStorageScpHandler
{
    /// <summary>Null admits the request; otherwise the A-ASSOCIATE-RJ to send (e.g. calling AE title not recognized).</summary>
    AssociationRejection? Admit(AssociationInfo request);

    /// <summary>
    /// Stores one instance. <paramref name="dataSet"/> delivers the data set bytes as they arrive, in the negotiated
    /// transfer syntax; it throws <see cref="Transport.TransportClosedException"/> (or <see cref="DataSetAbortedException"/>)
    /// when the association ends before the last fragment, and then nothing may be kept. The handler may return before
    /// reading everything (the rest is discarded).
    /// </summary>
    Task<StoreOutcome> StoreAsync(StoreRequest request, Stream dataSet, CancellationToken cancellationToken);

    /// <summary>Called once per connection that reached the association request, however it ended.</summary>
    Task AssociationEndedAsync(AssociationSummary summary);
}
