using HeadCt.Processor.Results;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// The views of recently completed studies, in memory up to a byte budget, least recently used dropped first. A job
/// leaves the view it built; a study not in memory (after a restart, on another replica, or dropped) is rebuilt from
/// storage once, however many requests wait for it. A view belongs to one completion of a study: a result completed
/// again is a different view.
/// </summary>
public sealed class StudyViewCache(IStudyViewLoader loader, IOptions<RenderingOptions> options, ProcessorTelemetry telemetry)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Keeps the view a job built for the result it stored, completed at <paramref name="completedAt"/>.</summary>
    public void Add(string studyId, DateTimeOffset completedAt, StudyView view)
    {
        lock (_gate)
        {
            Remove(studyId);
            var entry = Insert(studyId, completedAt);
            entry.View = Task.FromResult(view);
            Account(entry, view);
        }
    }

    /// <summary>The view of a completed study: from memory, or rebuilt from storage.</summary>
    public Task<StudyView> GetAsync(ResultDocument document)
    {
        var completedAt = document.CompletedAt ?? throw new ArgumentException("Only a completed study has a view.", nameof(document));
        lock (_gate)
        {
            if (_entries.TryGetValue(document.Id, out var found) && found.CompletedAt == completedAt && !found.View.IsFaulted && !found.View.IsCanceled)
            {
                _recency.Remove(found.Node);
                _recency.AddFirst(found.Node);
                telemetry.ViewRequests.Add(1, new KeyValuePair<string, object?>("source", "memory"));
                return found.View;
            }

            Remove(document.Id);
            var entry = Insert(document.Id, completedAt);
            entry.View = Task.Run(() => LoadAsync(entry, document));
            telemetry.ViewRequests.Add(1, new KeyValuePair<string, object?>("source", "storage"));
            return entry.View;
        }
    }

    public void Evict(string studyId)
    {
        lock (_gate)
        {
            Remove(studyId);
        }
    }

    private async Task<StudyView> LoadAsync(Entry entry, ResultDocument document)
    {
        StudyView view;
        try
        {
            // Not the first caller's token: every request waiting for this view shares the load.
            view = await loader.LoadAsync(document, CancellationToken.None);
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(entry.StudyId, out var current) && current == entry)
                {
                    Remove(entry.StudyId);
                }
            }

            throw;
        }

        lock (_gate)
        {
            if (_entries.TryGetValue(entry.StudyId, out var current) && current == entry)
            {
                Account(entry, view);
            }
        }

        return view;
    }

    private Entry Insert(string studyId, DateTimeOffset completedAt)
    {
        var entry = new Entry(studyId, completedAt);
        entry.Node = _recency.AddFirst(entry);
        _entries[studyId] = entry;
        return entry;
    }

    private void Remove(string studyId)
    {
        if (_entries.Remove(studyId, out var entry))
        {
            _recency.Remove(entry.Node);
            _bytes -= entry.Bytes;
            telemetry.RecordViewCacheBytes(_bytes);
        }
    }

    /// <summary>Counts a view's bytes and drops the least recently used views (never one still loading) until within budget.</summary>
    private void Account(Entry entry, StudyView view)
    {
        entry.Bytes = view.Bytes;
        _bytes += entry.Bytes;
        var budget = (long)options.Value.ViewCacheMegabytes * 1024 * 1024;
        for (var node = _recency.Last; node is not null && _bytes > budget;)
        {
            var previous = node.Previous;
            if (node.Value.Bytes > 0)
            {
                Remove(node.Value.StudyId);
            }

            node = previous;
        }

        telemetry.RecordViewCacheBytes(_bytes);
    }

    private sealed class Entry(string studyId, DateTimeOffset completedAt)
    {
        public string StudyId { get; } = studyId;
        public DateTimeOffset CompletedAt { get; } = completedAt;
        public Task<StudyView> View { get; set; } = null!;
        public LinkedListNode<Entry> Node { get; set; } = null!;

        /// <summary>Zero while the view is loading.</summary>
        public long Bytes { get; set; }
    }
}
