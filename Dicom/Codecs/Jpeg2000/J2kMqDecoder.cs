using System.Runtime.CompilerServices;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>The MQ arithmetic decoder (T.800 Annex C), reading one terminated or continued codeword segment.</summary>
internal sealed class J2kMqDecoder
{
    public const int ContextCount = 19;
    public const int RunLengthContext = 17;
    public const int UniformContext = 18;

    // T.800 Table C.2: Qe, NMPS, NLPS and SWITCH per state.
    private static readonly ushort[] Qe =
    [
        0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001, 0x2401, 0x1C01, 0x1601,
        0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801, 0x2401, 0x2201, 0x1C01, 0x1801, 0x1601, 0x1401,
        0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1, 0x0521, 0x0441, 0x02A1, 0x0221, 0x0141, 0x0111, 0x0085, 0x0049, 0x0025,
        0x0015, 0x0009, 0x0005, 0x0001, 0x5601,
    ];

    private static readonly byte[] NextMps =
    [
        1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46,
    ];

    private static readonly byte[] NextLps =
    [
        1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23, 24, 25, 26, 27,
        28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46,
    ];

    private static readonly bool[] Switch =
    [
        true, false, false, false, false, false, true, false, false, false, false, false, false, false, true, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false, false,
    ];

    // Per context: (state << 1) | MPS, so one load gives both; transitions precomputed for both MPS values.
    private static readonly ushort[] QeOf = BuildQe();
    private static readonly byte[] AfterMps = BuildTransitions(lps: false);
    private static readonly byte[] AfterLps = BuildTransitions(lps: true);

    private readonly byte[] contexts = new byte[ContextCount];
    private byte[] data = [];
    private int position;
    private int end;
    private uint c;
    private uint a;
    private int ct;

    /// <summary>Initial context states (T.800 Table D.7): UNIFORM 46, run-length 3, all-zero-neighbours 4, others 0.</summary>
    public void ResetContexts()
    {
        Array.Clear(contexts);
        contexts[UniformContext] = 46 << 1;
        contexts[RunLengthContext] = 3 << 1;
        contexts[0] = 4 << 1;
    }

    /// <summary>INITDEC (T.800 C.3.5); bytes past the segment read as 0xFF, as the standard's padding does.</summary>
    public void Start(byte[] source, int start, int length)
    {
        data = source;
        position = start;
        end = start + length;
        c = (uint)Current << 16;
        ByteIn();
        c <<= 7;
        ct -= 7;
        a = 0x8000;
    }

    private int Current => position < end ? data[position] : 0xFF;

    private int Next => position + 1 < end ? data[position + 1] : 0xFF;

    /// <summary>DECODE (T.800 C.3.2) with the conditional exchange of MPS and LPS sub-intervals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(int context)
    {
        int index = contexts[context];
        uint qe = QeOf[index];
        a -= qe;
        int decision;
        if ((c >> 16) < qe)
        {
            if (a < qe)
            {
                decision = index & 1;
                contexts[context] = AfterMps[index];
            }
            else
            {
                decision = (index & 1) ^ 1;
                contexts[context] = AfterLps[index];
            }
            a = qe;
            Renormalize();
            return decision;
        }
        c -= qe << 16;
        if ((a & 0x8000) != 0)
            return index & 1;
        if (a < qe)
        {
            decision = (index & 1) ^ 1;
            contexts[context] = AfterLps[index];
        }
        else
        {
            decision = index & 1;
            contexts[context] = AfterMps[index];
        }
        Renormalize();
        return decision;
    }

    private static ushort[] BuildQe()
    {
        var table = new ushort[Qe.Length * 2];
        for (var i = 0; i < table.Length; i++)
            table[i] = Qe[i >> 1];
        return table;
    }

    private static byte[] BuildTransitions(bool lps)
    {
        var table = new byte[Qe.Length * 2];
        for (var i = 0; i < table.Length; i++)
        {
            var state = i >> 1;
            var mps = i & 1;
            table[i] = lps
                ? (byte)((NextLps[state] << 1) | (Switch[state] ? mps ^ 1 : mps))
                : (byte)((NextMps[state] << 1) | mps);
        }
        return table;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Renormalize()
    {
        do
        {
            if (ct == 0)
                ByteIn();
            a <<= 1;
            c <<= 1;
            ct--;
        }
        while ((a & 0x8000) == 0);
    }

    /// <summary>BYTEIN (T.800 C.3.4): a 0xFF followed by a byte above 0x8F is a marker, so no more data is fed.</summary>
    private void ByteIn()
    {
        if (Current == 0xFF)
        {
            if (Next > 0x8F)
            {
                c += 0xFF00;
                ct = 8;
            }
            else
            {
                position++;
                c += (uint)Current << 9;
                ct = 7;
            }
        }
        else
        {
            position++;
            c += (uint)Current << 8;
            ct = 8;
        }
    }
}
