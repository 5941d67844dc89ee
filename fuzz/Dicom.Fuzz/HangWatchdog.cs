namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// Notices an input that runs longer than the timeout. A hang cannot be interrupted in-process,
/// so the callback saves what it can and ends the process.
/// </summary>
internal sealed class HangWatchdog : IDisposable
{
    private readonly TimeSpan timeout;
    private readonly Action<long, string, int> onHang;
    private readonly Timer timer;
    private long iteration = -1;
    private long startedTicks;
    private string origin = "";
    private int length;

    public HangWatchdog(TimeSpan timeout, Action<long, string, int> onHang)
    {
        this.timeout = timeout;
        this.onHang = onHang;
        timer = new Timer(_ => Check(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Enter(long currentIteration, string seedName, int length)
    {
        origin = seedName;
        this.length = length;
        Volatile.Write(ref startedTicks, Environment.TickCount64);
        Volatile.Write(ref iteration, currentIteration);
    }

    public void Leave() => Volatile.Write(ref iteration, -1);

    private void Check()
    {
        var current = Volatile.Read(ref iteration);
        if (current >= 0 && Environment.TickCount64 - Volatile.Read(ref startedTicks) > timeout.TotalMilliseconds && current == Volatile.Read(ref iteration))
            onHang(current, origin, length);
    }

    public void Dispose() => timer.Dispose();
}
