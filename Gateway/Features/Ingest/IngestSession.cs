using HeadCt.Gateway.Features.Ingest.Deidentification;
using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>
/// One study being received, whatever its source: its id, the budget it has used, the instances accepted and the
/// files refused so far, and (with de-identification on) the UID map that keeps its instances together. Created by
/// <see cref="InstanceIngest.StartSession"/>, fed one instance at a time by <see cref="InstanceIngest.IngestAsync"/>
/// and ended by <see cref="StudyCommit.CommitAsync"/> or <see cref="StudyCommit.AbandonAsync"/>. One caller at a
/// time: a multipart body, one STOW request, or a DIMSE study assembly (which serialises its associations and commits
/// with <see cref="StudyCommit.CommitAcknowledgedAsync"/>, possibly more than once).
/// </summary>
public sealed class IngestSession
{
    private readonly List<AcceptedInstance> _accepted = [];
    private readonly List<RejectedFile> _rejected = [];
    private int _files;

    internal IngestSession(string studyId, string source, IngestBudget budget, StudyDeidentifier? deidentifier)
    {
        StudyId = studyId;
        Source = source;
        Budget = budget;
        Deidentifier = deidentifier;
    }

    /// <summary>Continues a committed study: its instances keep their numbers and the next one follows them.</summary>
    internal IngestSession(StudyRecord committed, IngestBudget budget, StudyDeidentifier? deidentifier)
        : this(committed.Id, committed.Source ?? IngestSources.Upload, budget, deidentifier)
    {
        CommittedAt = committed.CreatedAt;
        foreach (var instance in committed.Instances)
        {
            Accept(instance);
        }
    }

    /// <summary>When the study was first committed; null for a study not committed yet.</summary>
    public DateTimeOffset? CommittedAt { get; internal set; }

    public string StudyId { get; }

    /// <summary>One of <see cref="IngestSources"/>.</summary>
    public string Source { get; }

    public IngestBudget Budget { get; }

    public StudyDeidentifier? Deidentifier { get; }

    public IReadOnlyList<AcceptedInstance> Accepted => _accepted;

    public IReadOnlyList<RejectedFile> Rejected => _rejected;

    public long StoredBytes { get; private set; }

    /// <summary>When the study's pending marker was last written (null: not yet), so a long-running source refreshes it.</summary>
    internal DateTimeOffset? PendingMarkedAt { get; set; }

    /// <summary>Blob number of the next accepted instance (<c>studies/{id}/instances/{number:D6}.dcm</c>).</summary>
    internal int NextInstanceNumber => _accepted.Count + 1;

    /// <summary>
    /// The name a file is listed under: the client's own, or with de-identification on its ordinal ("file 3"), so no
    /// client file name (often a patient's name or accession number) is stored or echoed.
    /// </summary>
    internal string NameOf(string clientName) => Deidentifier is null ? clientName : $"file {++_files}";

    internal void Accept(AcceptedInstance instance)
    {
        _accepted.Add(instance);
        StoredBytes += instance.Size;
    }

    /// <summary>Records a refused file that the source itself recognised (a wrong form field, an unreadable archive).</summary>
    public RejectedFile Reject(string clientName, string reason)
    {
        var rejected = new RejectedFile(NameOf(clientName), reason);
        _rejected.Add(rejected);
        return rejected;
    }

    internal void RejectListed(RejectedFile rejected) => _rejected.Add(rejected);
}
