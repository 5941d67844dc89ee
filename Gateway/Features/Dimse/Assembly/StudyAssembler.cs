using System.Collections.Concurrent;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// Groups instances received over any number of associations by Study Instance UID (PS3.3 C.7.2.1) and commits a
/// study once no instance of it arrived for the quiet period, the rule mercure and MONAI use: then it is recorded and
/// queued like an upload, once; instances arriving later reopen it, and the next quiet period reprocesses it. Instances
/// go through the ingest seam (<see cref="InstanceIngest"/>, <see cref="StudyCommit"/>) like every other source.
/// </summary>
public sealed class StudyAssembler
{
    private static readonly TimeSpan CommitRetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, StudyAssembly> _studies = new(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<DimseOptions> _options;
    private readonly DimseGatewayTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<StudyAssembler> _logger;
    private readonly AssemblySessions _sessions;

    public StudyAssembler(
        InstanceIngest ingest, IStudyStore studies, IServiceScopeFactory scopes, IOptions<DimseOptions> options,
        DimseGatewayTelemetry telemetry, TimeProvider time, ILogger<StudyAssembler> logger)
    {
        (_scopes, _options, _telemetry, _time, _logger) = (scopes, options, telemetry, time, logger);
        _sessions = new AssemblySessions(
            studyId => ingest.StartSession(IngestSources.Dimse, studyId),
            ingest.ResumeSession,
            studies.ReadRecordAsync);
    }

    /// <summary>Studies in memory (receiving, or committed and kept for late instances).</summary>
    public int Count => _studies.Count;

    /// <summary>
    /// Stores one instance in its study through <paramref name="ingest"/>; <see cref="Arrival.Duplicate"/> when the
    /// study already holds it.
    /// </summary>
    public async Task<(Arrival Arrival, InstanceOutcome? Outcome)> IngestAsync(
        string studyInstanceUid, string sopInstanceUid, string associationId, string callingAeTitle,
        Func<IngestSession, Task<InstanceOutcome>> ingest, CancellationToken cancellationToken)
    {
        var studyId = DimseStudyId.For(studyInstanceUid);
        while (true)
        {
            var assembly = _studies.GetOrAdd(studyInstanceUid, _ => new StudyAssembly(studyId, _time.GetUtcNow()));
            var result = await assembly.IngestAsync(sopInstanceUid, associationId, callingAeTitle, _time.GetUtcNow(),
                _sessions, ingest, cancellationToken);
            if (result.Arrival != Arrival.Retired)
            {
                return result;
            }

            _studies.TryRemove(new KeyValuePair<string, StudyAssembly>(studyInstanceUid, assembly));
        }
    }

    /// <summary>Commits every study whose quiet period has passed (all pending ones when <paramref name="force"/>), and lets idle ones go.</summary>
    public async Task CommitDueAsync(bool force, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        foreach (var (uid, assembly) in _studies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var committed = await assembly.CommitIfDueAsync(_time.GetUtcNow(), settings.QuietPeriod, force,
                (session, origin, reprocess) => CommitAsync(session, origin, reprocess, cancellationToken));
            if (committed is { } done)
            {
                Record(assembly, done.Outcome, done.Reprocess);
            }
            else if (!force && assembly.TryRetire(_time.GetUtcNow(), settings.AssemblyRetention))
            {
                _studies.TryRemove(new KeyValuePair<string, StudyAssembly>(uid, assembly));
            }
        }
    }

    private async Task<CommitOutcome> CommitAsync(IngestSession session, DimseOrigin origin, bool reprocess, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("dimse study commit");
        activity?.SetTag("headct.study_id", session.StudyId);
        activity?.SetTag("headct.instances", origin.Instances);
        activity?.SetTag("headct.associations", origin.Associations);
        activity?.SetTag("headct.reprocess", reprocess);
        using var scope = _scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StudyCommit>()
            .CommitAcknowledgedAsync(session, origin, reprocess, cancellationToken);
    }

    private void Record(StudyAssembly assembly, CommitOutcome outcome, bool reprocess)
    {
        switch (outcome)
        {
            case CommitOutcome.Committed { Record: var record }:
                var mode = reprocess ? "reprocess" : "first";
                _telemetry.StudiesCommitted.Add(1, new KeyValuePair<string, object?>("mode", mode));
                DimseLog.StudyCommitted(_logger, assembly.StudyId, record.Instances.Count, record.Origin!.Associations, mode);
                break;
            case CommitOutcome.ProcessorBusy:
                DimseLog.ReprocessWaiting(_logger, assembly.StudyId);
                assembly.NextCommitAttempt = _time.GetUtcNow() + CommitRetryDelay;
                break;
            default:
                DimseLog.CommitDeferred(_logger, assembly.StudyId, (outcome as CommitOutcome.ProcessorUnavailable)?.Error);
                assembly.NextCommitAttempt = _time.GetUtcNow() + CommitRetryDelay;
                break;
        }
    }
}
