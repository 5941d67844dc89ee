using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Worker;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.Units;

/// <summary>
/// The processor's study memory: reservations within the budget run at once, one that does not fit waits for a
/// release (in arrival order), a study larger than the whole budget fails permanently with both figures, a cancelled
/// wait gives its place up.
/// </summary>
public sealed class StudyMemoryGateTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public async Task GivenTwoStudiesThatFitTogether_WhenReserved_ThenBothRunAtOnce()
    {
        var gate = NewGate(budgetMegabytes: 100);

        using var first = await gate.ReserveAsync(40 * MiB, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        using var second = await gate.ReserveAsync(60 * MiB, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(100 * MiB, gate.ReservedBytes);
    }

    [Fact]
    public async Task GivenAStudyThatDoesNotFitBesideAnother_WhenReserved_ThenItWaitsForTheRelease()
    {
        var gate = NewGate(budgetMegabytes: 100);
        var first = await gate.ReserveAsync(70 * MiB, CancellationToken.None);

        var second = gate.ReserveAsync(70 * MiB, CancellationToken.None);
        var third = gate.ReserveAsync(10 * MiB, CancellationToken.None); // fits, but waits behind the second (arrival order)
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first.Dispose();
        using var secondReservation = await second.WaitAsync(TimeSpan.FromSeconds(5));
        using var thirdReservation = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(80 * MiB, gate.ReservedBytes);
    }

    [Fact]
    public async Task GivenAStudyLargerThanTheBudget_WhenReserved_ThenItFailsPermanentlyNamingBothFigures()
    {
        var gate = NewGate(budgetMegabytes: 100);

        var error = await Assert.ThrowsAsync<PipelineException>(() => gate.ReserveAsync(1200 * MiB, CancellationToken.None));

        Assert.True(error.Permanent);
        Assert.Contains("1200 MiB", error.Message);
        Assert.Contains("100 MiB", error.Message);
        Assert.Equal(0, gate.ReservedBytes);
    }

    [Fact]
    public async Task GivenACancelledWait_WhenTheMemoryIsReleased_ThenTheNextWaiterGetsIt()
    {
        var gate = NewGate(budgetMegabytes: 100);
        var first = await gate.ReserveAsync(90 * MiB, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.ReserveAsync(50 * MiB, cancel.Token);
        var next = gate.ReserveAsync(20 * MiB, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        first.Dispose();

        using var nextReservation = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(20 * MiB, gate.ReservedBytes);
    }

    [Fact]
    public void GivenNoConfiguredBudget_ThenItIsWhatTheRuntimeMayUseLessTheViewCacheAndTheReserve()
    {
        Assert.Equal(1536 * MiB, StudyMemoryGate.DerivedBudget(3072 * MiB, viewCacheMegabytes: 1024, reserveMegabytes: 512));
        Assert.Equal(256 * MiB, StudyMemoryGate.DerivedBudget(1024 * MiB, viewCacheMegabytes: 1024, reserveMegabytes: 512));
    }

    private static StudyMemoryGate NewGate(int budgetMegabytes) =>
        new(Options.Create(new WorkerOptions { MemoryBudgetMegabytes = budgetMegabytes }), Options.Create(new RenderingOptions()));
}
