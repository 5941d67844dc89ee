using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Telemetry;

namespace HeadCt.Dimse.Scu;

/// <summary>
/// Sends a set of instances to one peer (C-STORE SCU, PS3.4 Annex B): one presentation context per SOP class and
/// transfer syntax the instances are stored in (no transcoding), at most 128 per association (PS3.8 §9.3.2.2 IDs
/// 1–255, odd), instances the peer accepts no context for refused with the reason, the rest sent one at a time.
/// </summary>
public static class StoreScu
{
    private const int MaxContextsPerAssociation = 128;

    public static async Task<IReadOnlyList<StoreResult>> SendAsync(
        ScuSettings settings, IReadOnlyList<IStoreSource> sources, DimseTelemetry? telemetry, CancellationToken cancellationToken)
    {
        var results = new List<StoreResult>(sources.Count);
        var groups = sources.GroupBy(source => (source.SopClassUid, source.TransferSyntaxUid)).ToList();
        for (var first = 0; first < groups.Count; first += MaxContextsPerAssociation)
        {
            var batch = groups.Skip(first).Take(MaxContextsPerAssociation).ToList();
            var proposals = batch.Select((group, index) =>
                new PresentationContextProposal((byte)(2 * index + 1), group.Key.SopClassUid, [group.Key.TransferSyntaxUid])).ToList();
            results.AddRange(await SendBatchAsync(settings, proposals, batch.SelectMany(group => group).ToList(), telemetry, cancellationToken));
        }

        return results;
    }

    private static async Task<IReadOnlyList<StoreResult>> SendBatchAsync(
        ScuSettings settings, IReadOnlyList<PresentationContextProposal> proposals, IReadOnlyList<IStoreSource> sources,
        DimseTelemetry? telemetry, CancellationToken cancellationToken)
    {
        var results = new List<StoreResult>(sources.Count);
        ScuAssociation association;
        try
        {
            association = await ScuAssociation.OpenAsync(settings, proposals, cancellationToken);
        }
        catch (AssociationFailedException e)
        {
            return sources.Select(source => NotSent(source, e.Message, telemetry)).ToList();
        }

        await using (association)
        {
            foreach (var source in sources)
            {
                if (association.FindContext(source.SopClassUid, source.TransferSyntaxUid) is not { } context)
                {
                    results.Add(Count(new StoreResult(source.SopInstanceUid, StoreResultKind.Refused, null,
                        $"{settings.CalledAeTitle} accepted no presentation context for SOP class {source.SopClassUid} in transfer syntax {source.TransferSyntaxUid} (the instance is sent as stored, without transcoding)."),
                        telemetry));
                    continue;
                }

                Stream dataSet;
                try
                {
                    dataSet = await source.OpenDataSetAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    results.Add(NotSent(source, "The instance could not be read: " + e.Message, telemetry));
                    continue;
                }

                try
                {
                    await using (dataSet)
                    {
                        var response = await association.StoreAsync(context, source.SopClassUid, source.SopInstanceUid, dataSet, cancellationToken);
                        var status = new DimseStatus(response.Status ?? 0xFFFF);
                        results.Add(Count(status.IsSuccess || status.IsWarning
                            ? new StoreResult(source.SopInstanceUid, StoreResultKind.Stored, status, null)
                            : new StoreResult(source.SopInstanceUid, StoreResultKind.Failed, status, response.ErrorComment ?? $"Status {status}"), telemetry));
                    }
                }
                catch (AssociationFailedException e)
                {
                    results.AddRange(sources.Skip(results.Count).Select(rest => NotSent(rest, e.Message, telemetry)));
                    return results;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Mid-message (the connection, or the source while being read): the association cannot carry on.
                    await association.AbortAsync();
                    results.AddRange(sources.Skip(results.Count).Select(rest => NotSent(rest, "The transfer broke off: " + e.Message, telemetry)));
                    return results;
                }
            }

            try
            {
                await association.ReleaseAsync(cancellationToken);
            }
            catch (AssociationFailedException)
            {
                // Every instance has its answer already; a failed release loses nothing.
            }
        }

        return results;
    }

    private static StoreResult NotSent(IStoreSource source, string why, DimseTelemetry? telemetry) =>
        Count(new StoreResult(source.SopInstanceUid, StoreResultKind.NotSent, null, why), telemetry);

    private static StoreResult Count(StoreResult result, DimseTelemetry? telemetry)
    {
        telemetry?.InstancesSent.Add(1, new KeyValuePair<string, object?>("outcome", result.Kind.ToString().ToLowerInvariant()));
        return result;
    }
}
