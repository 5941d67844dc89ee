using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HeadCt.Imaging.Volume;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.Units;

/// <summary>
/// The processor's memory of study views: kept within the byte budget (least recently used dropped first), one load
/// for any number of waiting requests, a failed load not remembered, a new completion not served the old view.
/// </summary>
public sealed class StudyViewCacheTests
{
    private const int MiB = 1024 * 1024;
    private static readonly DateTimeOffset Completed = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GivenViewsBeyondTheBudget_WhenAdded_ThenTheLeastRecentlyUsedAreDropped()
    {
        var loader = new CountingLoader();
        var cache = NewCache(loader, budgetMegabytes: 3);

        cache.Add("a", Completed, View(megabytes: 1));
        cache.Add("b", Completed, View(megabytes: 1));
        cache.Add("c", Completed, View(megabytes: 1));
        _ = cache.GetAsync(Document("a"));            // a is now the most recently used
        cache.Add("d", Completed, View(megabytes: 1)); // over budget: b goes

        Assert.Equal(3L * MiB, cache.Bytes);
        _ = cache.GetAsync(Document("a"));
        _ = cache.GetAsync(Document("c"));
        _ = cache.GetAsync(Document("d"));
        Assert.Empty(loader.Loaded);
        await cache.GetAsync(Document("b"));
        Assert.Equal(["b"], loader.Loaded);
    }

    [Fact]
    public async Task GivenManyRequestsForAStudyNotInMemory_WhenTheyWait_ThenItIsLoadedOnce()
    {
        var gate = new TaskCompletionSource();
        var loader = new CountingLoader(gate.Task);
        var cache = NewCache(loader, budgetMegabytes: 10);

        var waiting = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(Document("a"))).ToArray();
        gate.SetResult();
        var views = await Task.WhenAll(waiting);

        Assert.Equal(["a"], loader.Loaded);
        Assert.All(views, view => Assert.Same(views[0], view));
        Assert.Equal(views[0].Bytes, cache.Bytes);
    }

    [Fact]
    public async Task GivenALoadThatFailed_WhenAskedAgain_ThenItIsLoadedAgain()
    {
        var loader = new CountingLoader { FailuresLeft = 1 };
        var cache = NewCache(loader, budgetMegabytes: 10);

        await Assert.ThrowsAsync<ImagesUnavailableException>(() => cache.GetAsync(Document("a")));
        var view = await cache.GetAsync(Document("a"));

        Assert.NotNull(view);
        Assert.Equal(["a", "a"], loader.Loaded);
        Assert.Equal(view.Bytes, cache.Bytes);
    }

    [Fact]
    public async Task GivenAStudyCompletedAgain_WhenAsked_ThenTheOldViewIsNotServed()
    {
        var loader = new CountingLoader();
        var cache = NewCache(loader, budgetMegabytes: 10);
        var old = View(megabytes: 1);
        cache.Add("a", Completed, old);

        var view = await cache.GetAsync(Document("a", Completed.AddMinutes(1)));

        Assert.NotSame(old, view);
        Assert.Equal(["a"], loader.Loaded);
        Assert.Equal(view.Bytes, cache.Bytes);
    }

    [Fact]
    public async Task GivenAnEvictedStudy_WhenAsked_ThenItIsLoadedFromStorage()
    {
        var loader = new CountingLoader();
        var cache = NewCache(loader, budgetMegabytes: 10);
        cache.Add("a", Completed, View(megabytes: 1));

        cache.Evict("a");

        Assert.Equal(0, cache.Bytes);
        await cache.GetAsync(Document("a"));
        Assert.Equal(["a"], loader.Loaded);
    }

    [Fact]
    public async Task GivenAViewLargerThanTheBudget_WhenLoaded_ThenItIsServedButNotKept()
    {
        var loader = new CountingLoader { Megabytes = 4 };
        var cache = NewCache(loader, budgetMegabytes: 3);

        Assert.NotNull(await cache.GetAsync(Document("a")));
        Assert.Equal(0, cache.Bytes);
        await cache.GetAsync(Document("a"));
        Assert.Equal(["a", "a"], loader.Loaded);
    }

    private static StudyViewCache NewCache(IStudyViewLoader loader, int budgetMegabytes)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new StudyViewCache(loader, Options.Create(new RenderingOptions { ViewCacheMegabytes = budgetMegabytes }), new ProcessorTelemetry(meters));
    }

    private static ResultDocument Document(string id, DateTimeOffset? completedAt = null) =>
        new() { Id = id, Status = ResultStatus.Completed, CompletedAt = completedAt ?? Completed };

    /// <summary>A volume of exactly <paramref name="megabytes"/> MiB of voxels (256 × 256 × 4 floats each).</summary>
    private static StudyView View(int megabytes)
    {
        var geometry = new VolumeGeometry(256, 256, 4 * megabytes, 1, 1, 1,
            new Vector3d(0, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1));
        return new StudyView(new CtVolume(new float[geometry.VoxelCount], geometry), null);
    }

    private sealed class CountingLoader(Task? gate = null) : IStudyViewLoader
    {
        private readonly ConcurrentQueue<string> _loaded = new();

        public int Megabytes { get; init; } = 1;

        public int FailuresLeft { get; set; }

        public IReadOnlyList<string> Loaded => [.. _loaded];

        public async Task<StudyView> LoadAsync(ResultDocument document, CancellationToken cancellationToken)
        {
            _loaded.Enqueue(document.Id);
            if (gate is not null)
            {
                await gate;
            }

            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new ImagesUnavailableException(document.Id, "injected failure");
            }

            return View(Megabytes);
        }
    }
}
