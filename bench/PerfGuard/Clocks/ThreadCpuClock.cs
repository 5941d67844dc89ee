using System.Runtime.InteropServices;

namespace HeadCt.PerfGuard.Clocks;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>). On a machine shared with other
/// builds a thread that is descheduled stops this clock, while the wall clock runs on; timing single-threaded work by it
/// removes most of the noise of other people's load (not their effect on caches and memory bandwidth).
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    public static double NowMilliseconds()
    {
        if (clock_gettime(ThreadCpuTimeId, out var time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
