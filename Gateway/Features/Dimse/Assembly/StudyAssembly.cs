using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Features.Upload.Deidentification;
using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// One study being received over DIMSE, from any number of associations: its instances by blob number, who sent
/// them, when the last arrived, and whether what arrived since the last commit still has to be committed.
/// </summary>
public sealed class StudyAssembly(string studyId, StudyDeidentifier? deidentifier, DateTimeOffset now)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, AcceptedInstance> _instances = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _callingAeTitles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _associations = new(StringComparer.Ordinal);
    private readonly HashSet<int> _sinceCommit = [];
    private readonly SemaphoreSlim _loading = new(1, 1);
    private int _priorAssociations;
    private int _nextNumber = 1;
    private int _inFlight;
    private long _bytes;
    private long _version;
    private bool _loaded;
    private bool _retired;

    public string StudyId { get; } = studyId;

    public DateTimeOffset CreatedAt { get; private set; } = now;

    public DateTimeOffset LastArrival { get; private set; } = now;

    /// <summary>A record of it exists in storage: the next commit reprocesses.</summary>
    public bool WasCommitted { get; private set; }

    /// <summary>Earliest time the next commit may be tried after a failed one.</summary>
    public DateTimeOffset NextCommitAttempt { get; set; }

    /// <summary>Continues a study stored before (a gateway restart, or after it left memory): numbers, senders, creation.</summary>
    public async Task EnsureLoadedAsync(Func<Task<StudyRecord?>> readRecord)
    {
        if (Volatile.Read(ref _loaded))
            return;
        await _loading.WaitAsync();
        try
        {
            if (_loaded)
                return;
            if (await readRecord() is { } record)
            {
                lock (_gate)
                {
                    Seed(record);
                    WasCommitted = true;
                }
            }

            Volatile.Write(ref _loaded, true);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// A received instance's "file" in the study record is its blob's name, so its number survives a restart (an upload's
    /// record lists file names, whose numbers are their positions).
    /// </summary>
    public static string FileName(int number) => $"{number:D6}.dcm";

    private void Seed(StudyRecord record)
    {
        CreatedAt = record.CreatedAt;
        for (var i = 0; i < record.Instances.Count; i++)
        {
            var instance = record.Instances[i];
            var number = instance.File.Length == 10 && instance.File.EndsWith(".dcm", StringComparison.Ordinal)
                && int.TryParse(instance.File.AsSpan(0, 6), out var named) ? named : i + 1;
            _instances[number] = instance;
            _numbers.TryAdd(instance.SopInstanceUid, number);
            _bytes += instance.Size;
        }

        _nextNumber = _instances.Count == 0 ? 1 : _instances.Keys.Max() + 1;
        if (record.Source is { } source)
        {
            _callingAeTitles.UnionWith(source.CallingAeTitles);
            _priorAssociations = source.Associations;
        }
    }

    /// <summary>
    /// Reserves the number for a SOP instance (its old one when sent again), or names the limit that refuses it; both
    /// null when this assembly has just left memory (the caller takes the study's new one).
    /// </summary>
    public (InstanceSlot? Slot, string? Refusal) Reserve(string sopInstanceUid, UploadLimitsOptions limits, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_retired)
                return (null, null);
            var resent = _numbers.TryGetValue(sopInstanceUid, out var number);
            if (!resent && _instances.Count + _inFlight >= limits.MaxFileCount)
                return (null, $"The study already holds {limits.MaxFileCount} instances (Upload:MaxFileCount).");
            if (_bytes >= limits.MaxTotalBytes)
                return (null, $"The study already holds {_bytes} bytes (Upload:MaxTotalBytes).");
            if (!resent)
            {
                number = _nextNumber++;
                _numbers[sopInstanceUid] = number;
            }

            _inFlight++;
            LastArrival = now;
            return (new InstanceSlot(this, number, deidentifier), null);
        }
    }

    public void Complete(InstanceSlot slot, AcceptedInstance instance, string associationId, string callingAeTitle, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(slot.Number, out var replaced))
                _bytes -= replaced.Size;
            _instances[slot.Number] = instance;
            _bytes += instance.Size;
            _sinceCommit.Add(slot.Number);
            _associations.Add(associationId);
            _callingAeTitles.Add(callingAeTitle);
            _inFlight--;
            _version++;
            LastArrival = now;
        }
    }

    /// <summary>The instance was not stored; a number never used is given back when it is the last one handed out.</summary>
    public void Abandon(InstanceSlot slot, string sopInstanceUid)
    {
        lock (_gate)
        {
            _inFlight--;
            if (!_instances.ContainsKey(slot.Number) && _numbers.Remove(sopInstanceUid) && slot.Number == _nextNumber - 1)
                _nextNumber--;
        }
    }

    /// <summary>
    /// What a commit now would write, or null when there is nothing new, an instance is still arriving, or the quiet
    /// period has not passed since the last one (<paramref name="force"/> skips the quiet period, at shutdown).
    /// </summary>
    public CommitSnapshot? TakeSnapshot(DateTimeOffset now, TimeSpan quietPeriod, bool force)
    {
        lock (_gate)
        {
            if (_sinceCommit.Count == 0 || _inFlight > 0 || (!force && (now - LastArrival < quietPeriod || now < NextCommitAttempt)))
                return null;
            var source = new StudySource(StudySource.Dimse, _callingAeTitles.Order(StringComparer.Ordinal).ToList(),
                _priorAssociations + _associations.Count, _instances.Count);
            return new CommitSnapshot(
                new StudyRecord(StudyId, CreatedAt, [.. _instances.Values], null, source),
                _instances.Where(pair => _sinceCommit.Contains(pair.Key)).Select(pair => pair.Value).ToList(),
                WasCommitted, _version);
        }
    }

    /// <summary>The record is stored and the processor has the study; what arrived meanwhile waits for the next commit.</summary>
    public void Committed(CommitSnapshot snapshot)
    {
        lock (_gate)
        {
            WasCommitted = true;
            if (_version == snapshot.Version)
                _sinceCommit.Clear();
        }
    }

    /// <summary>Leaves memory when nothing is pending and it was idle for the retention time (a late instance reloads it from storage).</summary>
    public bool TryRetire(DateTimeOffset now, TimeSpan retention)
    {
        lock (_gate)
        {
            _retired = _sinceCommit.Count == 0 && _inFlight == 0 && now - LastArrival >= retention;
            return _retired;
        }
    }

    /// <summary>The study was deleted after its last commit: only what arrived since makes it now.</summary>
    public void ForgetCommitted()
    {
        lock (_gate)
        {
            foreach (var number in _instances.Keys.Where(number => !_sinceCommit.Contains(number)).ToList())
            {
                _bytes -= _instances[number].Size;
                _numbers.Remove(_instances[number].SopInstanceUid);
                _instances.Remove(number);
            }

            WasCommitted = false;
            _priorAssociations = 0;
        }
    }
}

/// <summary>A study's record as it would be committed, the instances new since the last commit, and the version it reflects.</summary>
public sealed record CommitSnapshot(StudyRecord Record, IReadOnlyList<AcceptedInstance> SinceLastCommit, bool Reprocess, long Version);
