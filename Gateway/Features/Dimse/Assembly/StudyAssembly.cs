using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// One study being received over DIMSE, from any number of associations: its <see cref="IngestSession"/> (the same
/// seam as an upload's), who sent its instances, when the last arrived, and whether what arrived since the last commit
/// still has to be committed. An ingest session has one caller at a time, so instances of one study are stored one
/// after the other, and a commit never runs while one is being stored.
/// </summary>
public sealed class StudyAssembly(string studyId, DateTimeOffset now)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly HashSet<string> _sopInstances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _callingAeTitles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _associations = new(StringComparer.Ordinal);
    private IngestSession? _session;
    private int _priorAssociations;
    private bool _pending;
    private bool _retired;
    private long _lastArrivalTicks = now.UtcTicks;

    public string StudyId { get; } = studyId;

    public DateTimeOffset LastArrival => new(Interlocked.Read(ref _lastArrivalTicks), TimeSpan.Zero);

    /// <summary>Earliest time the next commit may be tried after a failed or deferred one.</summary>
    public DateTimeOffset NextCommitAttempt { get; set; }

    /// <summary>
    /// Stores one instance through <paramref name="ingest"/> in this study's session (opened on first use: resumed from
    /// the stored record when the study was committed before, new otherwise). <see cref="Arrival.Duplicate"/> when
    /// the SOP instance is already held (it is not stored twice), <see cref="Arrival.Retired"/> when this assembly has
    /// just left memory (the caller takes the study's new one).
    /// </summary>
    public async Task<(Arrival Arrival, InstanceOutcome? Outcome)> IngestAsync(
        string sopInstanceUid, string associationId, string callingAeTitle, DateTimeOffset arrivedAt,
        AssemblySessions sessions, Func<IngestSession, Task<InstanceOutcome>> ingest, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_retired)
            {
                return (Arrival.Retired, null);
            }

            Interlocked.Exchange(ref _lastArrivalTicks, arrivedAt.UtcTicks);
            if (_session is null || (!_pending && _session.CommittedAt is not null))
            {
                await OpenAsync(sessions, cancellationToken); // first instance, or the first one after a commit
            }

            if (_sopInstances.Contains(sopInstanceUid))
            {
                return (Arrival.Duplicate, null);
            }

            var outcome = await ingest(_session!);
            if (outcome is InstanceOutcome.Accepted)
            {
                _sopInstances.Add(sopInstanceUid);
                _associations.Add(associationId);
                _callingAeTitles.Add(callingAeTitle);
                _pending = true;
            }

            return (Arrival.Stored, outcome);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Opens the session from storage: the study's record when it exists (a restart, a late instance, or this assembly
    /// left memory), a new session when not; a study deleted since its last commit starts again from nothing.
    /// </summary>
    private async Task OpenAsync(AssemblySessions sessions, CancellationToken cancellationToken)
    {
        var record = await sessions.ReadRecordAsync(StudyId, cancellationToken);
        if (record is null)
        {
            _session = sessions.Start(StudyId);
            _sopInstances.Clear();
            _callingAeTitles.Clear();
            _associations.Clear();
            _priorAssociations = 0;
            return;
        }

        if (_session?.CommittedAt is not null)
        {
            return; // still the study this session committed
        }

        _session = sessions.Resume(record);
        _sopInstances.UnionWith(record.Instances.Select(instance => instance.SopInstanceUid));
        if (record.Origin is { } origin)
        {
            _callingAeTitles.UnionWith(origin.CallingAeTitles);
            _priorAssociations = origin.Associations;
        }
    }

    /// <summary>
    /// Commits what arrived since the last commit once the quiet period has passed (at once with
    /// <paramref name="force"/>); null when there is nothing to commit yet or an instance is being stored.
    /// </summary>
    public async Task<(CommitOutcome Outcome, bool Reprocess)?> CommitIfDueAsync(
        DateTimeOffset now, TimeSpan quietPeriod, bool force,
        Func<IngestSession, DimseOrigin, bool, Task<CommitOutcome>> commit)
    {
        if (!_turn.Wait(0))
        {
            return null;
        }

        try
        {
            if (!_pending || _session is null || (!force && (now - LastArrival < quietPeriod || now < NextCommitAttempt)))
            {
                return null;
            }

            var reprocess = _session.CommittedAt is not null;
            var origin = new DimseOrigin(_callingAeTitles.Order(StringComparer.Ordinal).ToList(),
                _priorAssociations + _associations.Count, _session.Accepted.Count);
            var outcome = await commit(_session, origin, reprocess);
            if (outcome is CommitOutcome.Committed)
            {
                _pending = false;
            }

            return (outcome, reprocess);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Leaves memory when nothing is pending and it was idle for the retention time (a late instance reloads it from storage).</summary>
    public bool TryRetire(DateTimeOffset now, TimeSpan retention)
    {
        if (!_turn.Wait(0))
        {
            return false;
        }

        try
        {
            _retired = !_pending && now - LastArrival >= retention;
            return _retired;
        }
        finally
        {
            _turn.Release();
        }
    }
}

/// <summary>What <see cref="StudyAssembly.IngestAsync"/> did with an instance.</summary>
public enum Arrival
{
    /// <summary>Given to the ingest seam; its outcome says whether it was accepted.</summary>
    Stored,

    /// <summary>The study already holds this SOP instance: acknowledged, not stored again.</summary>
    Duplicate,

    /// <summary>The assembly left memory meanwhile; try again with the study's new one.</summary>
    Retired,
}

/// <summary>How an assembly opens its ingest session: a new one, one resumed from the study's record, and that record.</summary>
public sealed record AssemblySessions(
    Func<string, IngestSession> Start,
    Func<StudyRecord, IngestSession> Resume,
    Func<string, CancellationToken, Task<StudyRecord?>> ReadRecordAsync);
