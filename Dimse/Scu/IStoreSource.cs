namespace HeadCt.Dimse.Scu;

/// <summary>An instance to send: what it is (from its File Meta Information) and its data set bytes, in that transfer syntax.</summary>
public interface IStoreSource
{
    string SopClassUid { get; }

    string SopInstanceUid { get; }

    string TransferSyntaxUid { get; }

    /// <summary>The data set, positioned after the File Meta Information; the caller disposes it.</summary>
    Task<Stream> OpenDataSetAsync(CancellationToken cancellationToken);
}
