using SharpFuzz;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// The afl-fuzz target. Out-of-process mode: SharpFuzz keeps a child process running the inputs, so a
/// crash that kills the runtime (stack overflow) is still reported instead of taking the fork server down.
/// </summary>
internal static class AflEntryPoint
{
    public static int Run(bool dimse = false)
    {
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var input = copy.GetBuffer().AsMemory(0, (int)copy.Length);
            if (dimse)
                DimseFuzzTarget.Run(input);
            else
                FuzzTarget.Run(input);
        });
        return 0;
    }
}
