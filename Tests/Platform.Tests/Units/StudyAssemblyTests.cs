using HeadCt.Gateway.Features.Dimse.Assembly;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Units;

/// <summary>
/// A DIMSE study assembly over the real ingest seam (<see cref="InstanceIngest"/>, <see cref="StudyCommit"/>) and an
/// in-memory store: committed once after its quiet period, not before; a late instance reopens and reprocesses it
/// with every instance; an instance sent again is not stored twice.
/// </summary>
public sealed class StudyAssemblyTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GivenInstancesOverTwoAssociations_WhenQuietPeriodsPass_ThenCommittedOnceThenReprocessedWithTheLateOneAndNoDuplicate()
    {
        var store = new MemoryStudyStore();
        var ingest = IngestHarness.Ingest(store, new IngestLimitsOptions());
        var queue = new IngestHarness.AcceptingQueue();
        var commit = IngestHarness.Commit(store, queue);
        var sessions = new AssemblySessions(id => ingest.StartSession(IngestSources.Dimse, id), ingest.ResumeSession, store.ReadRecordAsync);
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3).ToList();
        var start = DateTimeOffset.UnixEpoch;
        var assembly = new StudyAssembly(DimseStudyId.For("1.2.3"), start);

        async Task<Arrival> SendAsync(string file, string association, DateTimeOffset at)
        {
            var sop = ExplicitLittleEndianTagScanner.ReadString(await File.ReadAllBytesAsync(file), 0x0008, 0x0018) ?? file;
            await using var content = File.OpenRead(file);
            var (arrival, outcome) = await assembly.IngestAsync(sop, association, "CT01", at, sessions,
                session => ingest.IngestAsync(session, content, sop, CancellationToken.None), CancellationToken.None);
            Assert.True(arrival != Arrival.Stored || outcome is InstanceOutcome.Accepted, (outcome as InstanceOutcome.Rejected)?.File.Reason);
            return arrival;
        }

        Task<(CommitOutcome Outcome, bool Reprocess)?> CommitAsync(DateTimeOffset now) =>
            assembly.CommitIfDueAsync(now, Quiet, force: false, (session, origin, reprocess) => commit.CommitAcknowledgedAsync(session, origin, reprocess, CancellationToken.None));

        await SendAsync(files[0], "a1", start);
        await SendAsync(files[1], "a1", start.AddSeconds(1));
        Assert.Null(await CommitAsync(start.AddSeconds(20)));
        var first = await CommitAsync(start.AddSeconds(40));
        Assert.IsType<CommitOutcome.Committed>(first?.Outcome);
        Assert.Null(await CommitAsync(start.AddSeconds(80))); // nothing new: not committed again

        Assert.Equal(Arrival.Duplicate, await SendAsync(files[1], "a2", start.AddSeconds(100)));
        Assert.Equal(Arrival.Stored, await SendAsync(files[2], "a2", start.AddSeconds(101)));
        var second = await CommitAsync(start.AddSeconds(140));

        var committed = Assert.IsType<CommitOutcome.Committed>(second?.Outcome);
        Assert.Equal(3, committed.Record.Instances.Count);
        Assert.Equal(IngestSources.Dimse, committed.Record.Source);
        Assert.Equal([(false, 1, 2), (true, 2, 3)], queue.DimseCommits.Select(c => (c.Reprocess, c.Origin.Associations, c.Origin.Instances)));
        Assert.Equal(["CT01"], committed.Record.Origin!.CallingAeTitles);
        Assert.Equal(3, (await store.ReadRecordAsync(committed.Record.Id, CancellationToken.None))!.Instances.Count);
    }
}
