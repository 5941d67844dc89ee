using System.Text.Json;
using HeadCt.Processor;
using HeadCt.Processor.DicomResults;
using HeadCt.Processor.Results;
using HeadCt.Processor.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// The router's bookkeeping in the result document: rules select objects per destination; a failure is recorded with
/// its reason and retried after a doubling delay; after the last attempt the state is dead-letter; a success is sent.
/// </summary>
public sealed class ResultRouterTests
{
    private const string StudyId = "0123456789abcdef0123456789abcdef";
    private static readonly DicomObjectRecord Sr = new("sr", "SR", "1.2", "2.25.1", "2.25.10", "AI result", 10, "/x");
    private static readonly DicomObjectRecord Seg = new("segmentation", "SEG", "1.2", "2.25.2", "2.25.20", "AI attention", 10, "/y");

    private static readonly RoutingOptions Options = new()
    {
        Destinations = [new() { Name = "pacs", Url = "http://pacs/dicom-web/studies", Modalities = ["SR", "OT"] }, new() { Name = "archive", Url = "http://archive/studies" }],
        MaxAttempts = 3,
        RetryDelay = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void GivenRules_WhenPlanned_ThenEachDestinationGetsTheObjectsItTakes()
    {
        var plan = ResultRouter.Plan(Options, [Sr, Seg]);
        Assert.Equal(["2.25.1"], plan.Single(record => record.Destination == "pacs").SopInstanceUids);
        Assert.Equal(["2.25.1", "2.25.2"], plan.Single(record => record.Destination == "archive").SopInstanceUids);
        Assert.All(plan, record => Assert.Equal(RoutingRecord.Pending, record.State));
    }

    [Fact]
    public async Task GivenADestinationThatKeepsFailing_WhenRoutedUntilItsAttemptsAreSpent_ThenItBacksOffThenIsDeadLetter()
    {
        var time = new ManualTime();
        var store = new MemoryResults(ResultDocument.Queued(StudyId, time.GetUtcNow()) with { Routing = ResultRouter.Plan(Options, [Sr, Seg]) });
        var destinations = new Destinations { Failing = { "pacs" } };
        var router = new ResultRouter(Microsoft.Extensions.Options.Options.Create(Options), store, new MemoryObjects(), destinations, time, NullLogger<ResultRouter>.Instance);

        var next = await router.RunAsync(StudyId, CancellationToken.None);
        Assert.Equal(RoutingRecord.Sent, store.Record("archive").State);
        var pacs = store.Record("pacs");
        Assert.Equal((RoutingRecord.Failed, 1, "pacs refused"), (pacs.State, pacs.Attempts, pacs.Reason));
        Assert.Equal(time.GetUtcNow().AddSeconds(10), next);

        Assert.Equal(time.GetUtcNow().AddSeconds(10), await router.RunAsync(StudyId, CancellationToken.None));
        Assert.Equal(1, store.Record("pacs").Attempts);

        time.Now = time.Now.AddSeconds(10);
        Assert.Equal(time.GetUtcNow().AddSeconds(20), await router.RunAsync(StudyId, CancellationToken.None));
        time.Now = time.Now.AddSeconds(20);
        Assert.Null(await router.RunAsync(StudyId, CancellationToken.None));
        Assert.Equal((RoutingRecord.DeadLetter, 3), (store.Record("pacs").State, store.Record("pacs").Attempts));
        Assert.Equal(1, destinations.Sends["archive"]);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Destinations : IDestinationFactory
    {
        public HashSet<string> Failing { get; } = [];
        public Dictionary<string, int> Sends { get; } = [];

        public IResultDestination? Get(string name) => new Destination(name, this);

        private sealed class Destination(string name, Destinations owner) : IResultDestination
        {
            public string Name => name;

            public Task SendAsync(IReadOnlyList<byte[]> instances, CancellationToken cancellationToken)
            {
                if (owner.Failing.Contains(name))
                    throw new DestinationException($"{name} refused");
                owner.Sends[name] = owner.Sends.GetValueOrDefault(name) + 1;
                return Task.CompletedTask;
            }
        }
    }

    private sealed class MemoryObjects : IResultObjectStore
    {
        public Task SaveAsync(string studyId, ResultObject item, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<BinaryData?> GetAsync(string studyId, string sopInstanceUid, CancellationToken cancellationToken) =>
            Task.FromResult<BinaryData?>(new BinaryData(new byte[] { 1, 2 }));
    }

    private sealed class MemoryResults(ResultDocument document) : IResultStore
    {
        private ResultDocument _document = document;

        public RoutingRecord Record(string destination) => _document.Routing.Single(record => record.Destination == destination);

        public Task<StoredResult?> GetAsync(string studyId, CancellationToken cancellationToken) => Task.FromResult<StoredResult?>(Stored());

        public Task<bool> TryCreateAsync(ResultDocument created, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<ResultUpdate> UpdateAsync(string studyId, Func<ResultDocument, ResultDocument?> change, string? ifMatch, CancellationToken cancellationToken)
        {
            if (change(_document) is not { } changed)
                return Task.FromResult<ResultUpdate>(new ResultUpdate.Unchanged(Stored()));
            _document = changed;
            return Task.FromResult<ResultUpdate>(new ResultUpdate.Updated(Stored()));
        }

        public Task<bool> DeleteAsync(string studyId, CancellationToken cancellationToken) => Task.FromResult(false);

        private StoredResult Stored() => new("\"1\"", JsonSerializer.SerializeToUtf8Bytes(_document, ProcessorJson.Options));
    }
}
