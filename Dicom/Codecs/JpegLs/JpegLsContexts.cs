using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>The statistics of one context (T.87 §A.2.2): A, B, C, N, and Nn for the run interruption contexts.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JpegLsContext
{
    public int A;
    public int B;
    public int C;
    public int N;
    public int Nn;
}

/// <summary>
/// The adaptive state of a scan: the 365 regular-mode contexts plus the two run interruption contexts
/// (indices 365 and 366), and the run index of each scan component.
/// </summary>
internal sealed class JpegLsContexts
{
    public const int RegularCount = 365;
    public const int RunInterruptionBase = RegularCount;

    public readonly JpegLsContext[] All = new JpegLsContext[RegularCount + 2];
    public readonly int[] RunIndex;

    public JpegLsContexts(int componentCount) => RunIndex = new int[componentCount];

    /// <summary>Initial values of T.87 §A.2.2, used at the start of a scan and after each restart marker.</summary>
    public void Initialise(int range)
    {
        var initial = new JpegLsContext { A = Math.Max(2, (range + 32) / 64), N = 1 };
        Array.Fill(All, initial);
        Array.Clear(RunIndex);
    }
}
