using System.Collections.Concurrent;
using HeadCt.Gateway.Features.Dimse.Ingest;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// Groups instances received over any number of associations by Study Instance UID (PS3.3 C.7.2.1) and commits a
/// study once no instance of it arrived for the quiet period, the rule mercure and MONAI use: then it is recorded and
/// queued like an upload, once; instances arriving later reopen it, and the next quiet period reprocesses it.
/// </summary>
public sealed class StudyAssembler(
    DimseIngestAdapter ingest,
    IOptions<DimseOptions> options,
    DimseGatewayTelemetry telemetry,
    TimeProvider time,
    ILogger<StudyAssembler> logger)
{
    private static readonly TimeSpan CommitRetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, StudyAssembly> _studies = new(StringComparer.Ordinal);

    /// <summary>Studies in memory (receiving, or committed and kept for late instances).</summary>
    public int Count => _studies.Count;

    /// <summary>A place in the instance's study, or the limit that refuses it. May read the study's record from storage.</summary>
    public async Task<(InstanceSlot? Slot, string? Refusal)> ReserveAsync(string studyInstanceUid, string sopInstanceUid, CancellationToken cancellationToken)
    {
        var studyId = DimseStudyId.For(studyInstanceUid);
        while (true)
        {
            var assembly = _studies.GetOrAdd(studyInstanceUid, _ => new StudyAssembly(studyId, ingest.DeidentifierFor(studyId), time.GetUtcNow()));
            await assembly.EnsureLoadedAsync(() => ingest.ReadRecordAsync(studyId, cancellationToken));
            var reserved = assembly.Reserve(sopInstanceUid, ingest.Limits, time.GetUtcNow());
            if (reserved.Slot is not null || reserved.Refusal is not null)
                return reserved;
            _studies.TryRemove(new KeyValuePair<string, StudyAssembly>(studyInstanceUid, assembly)); // retired meanwhile
        }
    }

    /// <summary>Commits every study whose quiet period has passed (all pending ones when <paramref name="force"/>), and lets idle ones go.</summary>
    public async Task CommitDueAsync(bool force, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var (uid, assembly) in _studies)
        {
            if (assembly.TakeSnapshot(time.GetUtcNow(), settings.QuietPeriod, force) is { } snapshot)
                await CommitAsync(assembly, snapshot, cancellationToken);
            else if (!force && assembly.TryRetire(time.GetUtcNow(), settings.AssemblyRetention))
                _studies.TryRemove(new KeyValuePair<string, StudyAssembly>(uid, assembly));
        }
    }

    private async Task CommitAsync(StudyAssembly assembly, CommitSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("dimse study commit");
        activity?.SetTag("headct.study_id", assembly.StudyId);
        try
        {
            if (snapshot.Reprocess && await ingest.ReadRecordAsync(assembly.StudyId, cancellationToken) is null)
            {
                assembly.ForgetCommitted();
                snapshot = assembly.TakeSnapshot(time.GetUtcNow(), TimeSpan.Zero, force: true) ?? snapshot;
            }

            activity?.SetTag("headct.instances", snapshot.Record.Instances.Count);
            activity?.SetTag("headct.reprocess", snapshot.Reprocess);
            if (!await ingest.CommitStudyAsync(snapshot.Record, snapshot.Reprocess, cancellationToken))
            {
                DimseLog.ReprocessWaiting(logger, assembly.StudyId);
                assembly.NextCommitAttempt = time.GetUtcNow() + CommitRetryDelay;
                return;
            }

            assembly.Committed(snapshot);
            var mode = snapshot.Reprocess ? "reprocess" : "first";
            telemetry.StudiesCommitted.Add(1, new KeyValuePair<string, object?>("mode", mode));
            DimseLog.StudyCommitted(logger, assembly.StudyId, snapshot.Record.Instances.Count, snapshot.Record.Source!.Associations, mode);
        }
        catch (Exception e) when (e is StorageUnavailableException or ProcessorUnavailableException)
        {
            DimseLog.CommitDeferred(logger, assembly.StudyId, e);
            assembly.NextCommitAttempt = time.GetUtcNow() + CommitRetryDelay;
        }
    }
}
