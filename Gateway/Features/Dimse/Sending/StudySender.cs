using System.Diagnostics;
using HeadCt.Dimse.Scu;
using HeadCt.Dimse.Telemetry;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Sending;

/// <summary>
/// One attempt of a send: the job's pending instance blobs as Part 10 sources, sent to the peer by the C-STORE SCU in
/// the syntax they are stored in, each instance's outcome recorded.
/// </summary>
public sealed class StudySender(DicomContainer container, DimseTelemetry dimseTelemetry, IOptions<DimseOptions> options)
{
    public async Task<IReadOnlyDictionary<string, SentInstance>> SendAsync(SendJob job, DimsePeerOptions peer, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("dimse send", ActivityKind.Client);
        activity?.SetTag("headct.study_id", job.StudyId);
        activity?.SetTag("dicom.called_ae", peer.AeTitle);
        activity?.SetTag("headct.attempt", job.Attempts);
        var outcomes = new Dictionary<string, SentInstance>(StringComparer.Ordinal);
        var blobs = await container.GetAsync(cancellationToken);
        var sources = new List<IStoreSource>();
        var names = new List<string>();
        foreach (var name in job.Pending)
        {
            var blob = blobs.GetBlobClient(name);
            try
            {
                sources.Add(await PartTenSource.FromStreamAsync(token => StorageCalls.Run(() => blob.OpenReadAsync(cancellationToken: token)), name, cancellationToken));
                names.Add(name);
            }
            catch (StorageUnavailableException)
            {
                outcomes[name] = new SentInstance("not-sent", null, "The stored instance could not be read.", Retryable: true);
            }
            catch (HeadCt.Dicom.DicomException e)
            {
                outcomes[name] = new SentInstance("failed", null, "The stored instance is not a Part 10 file: " + e.Reason, Retryable: false);
            }
        }

        var settings = options.Value;
        var scu = new ScuSettings
        {
            CallingAeTitle = settings.AeTitle, CalledAeTitle = peer.AeTitle, Host = peer.Host!, Port = peer.Port,
            MaxPduLength = (uint)settings.MaxPduLength, ConnectTimeout = settings.SendTimeout, AssociationTimeout = settings.SendTimeout,
            ResponseTimeout = settings.SendTimeout,
        };
        var results = sources.Count == 0 ? [] : await StoreScu.SendAsync(scu, sources, dimseTelemetry, cancellationToken);
        foreach (var (name, result) in names.Zip(results))
        {
            outcomes[name] = new SentInstance(Outcome(result.Kind), result.Status?.ToString(), result.Detail, result.IsRetryable);
        }

        activity?.SetTag("headct.instances_stored", outcomes.Values.Count(o => o.Outcome == "stored"));
        return outcomes;
    }

    private static string Outcome(StoreResultKind kind) => kind switch
    {
        StoreResultKind.Stored => "stored",
        StoreResultKind.Failed => "failed",
        StoreResultKind.Refused => "refused",
        _ => "not-sent",
    };
}
