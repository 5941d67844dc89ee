using HeadCt.Imaging.Selection;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Worker;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// Bounds the memory of the studies this processor works on at once. Each job reserves its estimate (stored voxels
/// times <see cref="WorkerOptions.BytesPerVoxel"/>) before its volume is built and releases it when the job ends; jobs
/// that do not fit wait in arrival order, so two large studies run one after the other instead of exhausting the
/// process. A study that could never fit fails at once, naming both figures.
/// </summary>
public sealed class StudyMemoryGate
{
    private const long MiB = 1L << 20;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private readonly int _bytesPerVoxel;
    private long _reserved;

    public StudyMemoryGate(IOptions<WorkerOptions> worker, IOptions<RenderingOptions> renderings)
    {
        var settings = worker.Value;
        _bytesPerVoxel = settings.BytesPerVoxel;
        BudgetBytes = settings.MemoryBudgetMegabytes > 0
            ? settings.MemoryBudgetMegabytes * MiB
            : DerivedBudget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, renderings.Value.ViewCacheMegabytes, settings.MemoryReserveMegabytes);
    }

    public long BudgetBytes { get; }

    public long ReservedBytes
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>What the runtime may use (container limit or GC heap limit), less the view cache and the reserve; at least 256 MiB.</summary>
    public static long DerivedBudget(long availableBytes, int viewCacheMegabytes, int reserveMegabytes) =>
        Math.Max(256 * MiB, availableBytes - (viewCacheMegabytes + (long)reserveMegabytes) * MiB);

    public long EstimateBytes(IReadOnlyList<InstanceFile> instances) =>
        instances.Sum(instance => (long)instance.Header.Rows * instance.Header.Columns * Math.Max(1, instance.Header.NumberOfFrames)) * _bytesPerVoxel;

    /// <summary>Waits until <paramref name="bytes"/> fit beside the other jobs' reservations; dispose the result to release them.</summary>
    public async Task<IDisposable> ReserveAsync(long bytes, CancellationToken cancellationToken)
    {
        if (bytes > BudgetBytes)
        {
            throw new PipelineException(
                $"The study needs about {bytes / MiB} MiB to process and this processor's study memory is {BudgetBytes / MiB} MiB " +
                "(Worker:MemoryBudgetMegabytes, or the container's memory): give the processor more memory.")
            {
                Permanent = true,
            };
        }

        Waiter waiter;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _reserved + bytes <= BudgetBytes)
            {
                _reserved += bytes;
                return new Reservation(this, bytes);
            }

            waiter = new Waiter(bytes);
            waiter.Node = _waiting.AddLast(waiter);
        }

        await using (cancellationToken.Register(() => Abandon(waiter)))
        {
            await waiter.Granted.Task;
        }

        return new Reservation(this, bytes);
    }

    private void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // granted already: the caller releases it
            }

            _waiting.Remove(waiter.Node);
            waiter.Granted.TrySetCanceled();
            GrantWaiting();
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _reserved -= bytes;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_waiting.First is { } first && _reserved + first.Value.Bytes <= BudgetBytes)
        {
            _waiting.RemoveFirst();
            _reserved += first.Value.Bytes;
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Reservation(StudyMemoryGate gate, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release(bytes);
            }
        }
    }
}
