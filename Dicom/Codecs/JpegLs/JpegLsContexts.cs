namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>
/// The adaptive state of T.87 §A.2.2: A, B, C, N for the 365 regular-mode contexts plus the two run
/// interruption contexts (indices 365 and 366, which also keep Nn), and the run index of each component.
/// </summary>
internal sealed class JpegLsContexts
{
    public const int RegularCount = 365;
    public const int RunInterruptionBase = RegularCount;
    private const int Count = RegularCount + 2;

    public readonly int[] A = new int[Count];
    public readonly int[] B = new int[Count];
    public readonly int[] C = new int[Count];
    public readonly int[] N = new int[Count];
    public readonly int[] Nn = new int[Count];
    public readonly int[] RunIndex;

    public JpegLsContexts(int componentCount) => RunIndex = new int[componentCount];

    /// <summary>Initial values of T.87 §A.2.2, used at the start of a scan and after each restart marker.</summary>
    public void Initialise(int range)
    {
        var initialA = Math.Max(2, (range + 32) / 64);
        Array.Fill(A, initialA);
        Array.Clear(B);
        Array.Clear(C);
        Array.Fill(N, 1);
        Array.Clear(Nn);
        Array.Clear(RunIndex);
    }
}
