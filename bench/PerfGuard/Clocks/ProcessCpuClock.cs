using System.Runtime.InteropServices;

namespace HeadCt.PerfGuard.Clocks;

/// <summary>
/// CPU time (user + system) from <c>getrusage</c>: of this whole process, for work spread over threads (volume building,
/// ONNX Runtime), or of the child processes waited for, for a reference tool run as a process (DCMTK). Like
/// <see cref="ThreadCpuClock"/> it stands still while the work waits for a core that other builds hold.
/// </summary>
internal static partial class ProcessCpuClock
{
    private const int Self = 0;
    private const int Children = -1;

    public static double SelfMilliseconds() => Read(Self);

    /// <summary>Every child this process has waited for so far, summed (so read it before and after one child).</summary>
    public static double ChildrenMilliseconds() => Read(Children);

    private static double Read(int who)
    {
        if (getrusage(who, out var usage) != 0)
            throw new InvalidOperationException("getrusage failed");
        return (usage.UserSeconds + usage.SystemSeconds) * 1e3 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e3;
    }

    /// <summary>The start of struct rusage: ru_utime and ru_stime (two struct timeval), then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private unsafe fixed long rest[14];
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out ResourceUsage usage);
}
