using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The registers of the MQ arithmetic decoder (T.800 Annex C). A pass keeps them in a local of this type and hands it
/// by reference to the inlined <see cref="J2kMqDecoder"/> methods, so the JIT keeps A, C, CT and the byte pointer in
/// machine registers for the whole pass instead of loading and storing object fields on every symbol.
/// </summary>
internal struct J2kMqRegisters
{
    public uint A;
    public uint C;
    public int Ct;

    /// <summary>Index of the byte B (T.800 C.3.4) in the padded segment (<see cref="J2kMqDecoder.Padding"/>).</summary>
    public int Position;
}

/// <summary>
/// MQ decoding of one codeword segment (T.800 C.3): INITDEC, DECODE with the conditional exchange, RENORMD and BYTEIN.
/// The segment is read from a copy followed by <see cref="Padding"/> bytes of 0xFF: past its end BYTEIN sees a marker
/// and feeds 1-bits without advancing (as the standard's padding does), so the pointer never passes the first pad
/// byte and every read stays inside the copy without a bounds test.
/// </summary>
internal static class J2kMqDecoder
{
    public const int ContextCount = 19;
    public const int RunLengthContext = 17;
    public const int UniformContext = 18;

    /// <summary>0xFF bytes that must follow every segment handed to <see cref="Start"/>.</summary>
    public const int Padding = 2;

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

    // A context holds (state << 1) | MPS. Per such value one word: Qe in bits 0-15, the context after an MPS decision
    // in bits 16-23 and after an LPS decision in bits 24-31, so one load serves a whole DECODE.
    private static readonly uint[] Transitions = BuildTransitions();

    /// <summary>Initial context states (T.800 Table D.7): UNIFORM 46, run-length 3, all-zero-neighbours 4, others 0.</summary>
    public static void ResetContexts(Span<byte> contexts)
    {
        contexts.Clear();
        contexts[UniformContext] = 46 << 1;
        contexts[RunLengthContext] = 3 << 1;
        contexts[0] = 4 << 1;
    }

    /// <summary>INITDEC (T.800 C.3.5) at the start of a padded segment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Start(ref J2kMqRegisters r, ref byte data)
    {
        r.Position = 0;
        r.C = (uint)data << 16;
        ByteIn(ref r, ref data);
        r.C <<= 7;
        r.Ct -= 7;
        r.A = 0x8000;
    }

    /// <summary>DECODE (T.800 C.3.2): one decision in <paramref name="context"/>, whose state it updates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Decode(ref J2kMqRegisters r, ref byte context, ref byte data)
    {
        int index = context;
        var entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Transitions), index);
        var qe = entry & 0xFFFF;
        var mps = index & 1;
        r.A -= qe;
        if ((r.C >> 16) < qe)
        {
            // LPS_EXCHANGE: the smaller sub-interval decides
            int decision;
            if (r.A < qe)
            {
                decision = mps;
                context = (byte)(entry >> 16);
            }
            else
            {
                decision = mps ^ 1;
                context = (byte)(entry >> 24);
            }
            r.A = qe;
            Renormalize(ref r, ref data);
            return decision;
        }
        r.C -= qe << 16;
        if ((r.A & 0x8000) != 0)
            return mps;
        // MPS_EXCHANGE
        int exchanged;
        if (r.A < qe)
        {
            exchanged = mps ^ 1;
            context = (byte)(entry >> 24);
        }
        else
        {
            exchanged = mps;
            context = (byte)(entry >> 16);
        }
        Renormalize(ref r, ref data);
        return exchanged;
    }

    /// <summary>RENORMD (T.800 C.3.3): A doubled until its bit 15 is set, with a new byte whenever CT runs out; the shifts
    /// needed are known up front from A's leading zeros, so they are done in as few steps as the bytes allow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Renormalize(ref J2kMqRegisters r, ref byte data)
    {
        // A is in [1, 0x7FFF] here, so 1 to 15 shifts
        var shifts = BitOperations.LeadingZeroCount(r.A) - 16;
        while (shifts > r.Ct)
        {
            r.A <<= r.Ct;
            r.C <<= r.Ct;
            shifts -= r.Ct;
            ByteIn(ref r, ref data);
        }
        r.A <<= shifts;
        r.C <<= shifts;
        r.Ct -= shifts;
    }

    /// <summary>BYTEIN (T.800 C.3.4): a 0xFF followed by a byte above 0x8F is a marker, so no more data is fed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ByteIn(ref J2kMqRegisters r, ref byte data)
    {
        if (Unsafe.Add(ref data, r.Position) == 0xFF)
        {
            int next = Unsafe.Add(ref data, r.Position + 1);
            if (next > 0x8F)
            {
                r.C += 0xFF00;
                r.Ct = 8;
            }
            else
            {
                r.Position++;
                r.C += (uint)next << 9;
                r.Ct = 7;
            }
        }
        else
        {
            r.Position++;
            r.C += (uint)Unsafe.Add(ref data, r.Position) << 8;
            r.Ct = 8;
        }
    }

    private static uint[] BuildTransitions()
    {
        var table = new uint[Qe.Length * 2];
        for (var i = 0; i < table.Length; i++)
        {
            var state = i >> 1;
            var mps = i & 1;
            var afterMps = (NextMps[state] << 1) | mps;
            var afterLps = (NextLps[state] << 1) | (Switch[state] ? mps ^ 1 : mps);
            table[i] = Qe[state] | ((uint)afterMps << 16) | ((uint)afterLps << 24);
        }
        return table;
    }
}
