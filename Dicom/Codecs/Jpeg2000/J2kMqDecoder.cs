using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The registers of the MQ arithmetic decoder (T.800 Annex C). A pass keeps them in a local of this type and hands it
/// by reference to the inlined <see cref="J2kMqDecoder"/> methods, so the JIT keeps them in machine registers for the
/// whole pass instead of loading and storing object fields on every symbol.
/// </summary>
internal ref struct J2kMqRegisters
{
    /// <summary>The interval register A, held shifted left by 16 so that it compares with C's high half directly.</summary>
    public uint A;
    public uint C;
    public int Ct;

    /// <summary>The byte B of T.800 C.3.4, in a segment followed by <see cref="J2kMqDecoder.Padding"/> bytes of 0xFF.</summary>
    public ref byte B;
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

    // A context holds (state << 1) | MPS. Per such value one word: Qe << 16 in bits 0-31, the context after an MPS
    // decision in bits 32-39 and after an LPS decision in bits 40-47, so one load serves a whole DECODE. Written out as
    // constants so that the JIT embeds the table's address in the code; BuildTransitions derives the same words from
    // Table C.2 above, and a test holds the two equal.
    internal static ReadOnlySpan<ulong> Transitions =>
    [
        0x030256010000, 0x020356010000, 0x0C0434010000, 0x0D0534010000,
        0x120618010000, 0x130718010000, 0x18080AC10000, 0x19090AC10000,
        0x3A0A05210000, 0x3B0B05210000, 0x424C02210000, 0x434D02210000,
        0x0D0E56010000, 0x0C0F56010000, 0x1C1054010000, 0x1D1154010000,
        0x1C1248010000, 0x1D1348010000, 0x1C1438010000, 0x1D1538010000,
        0x221630010000, 0x231730010000, 0x241824010000, 0x251924010000,
        0x281A1C010000, 0x291B1C010000, 0x2A3A16010000, 0x2B3B16010000,
        0x1D1E56010000, 0x1C1F56010000, 0x1C2054010000, 0x1D2154010000,
        0x1E2251010000, 0x1F2351010000, 0x202448010000, 0x212548010000,
        0x222638010000, 0x232738010000, 0x242834010000, 0x252934010000,
        0x262A30010000, 0x272B30010000, 0x262C28010000, 0x272D28010000,
        0x282E24010000, 0x292F24010000, 0x2A3022010000, 0x2B3122010000,
        0x2C321C010000, 0x2D331C010000, 0x2E3418010000, 0x2F3518010000,
        0x303616010000, 0x313716010000, 0x323814010000, 0x333914010000,
        0x343A12010000, 0x353B12010000, 0x363C11010000, 0x373D11010000,
        0x383E0AC10000, 0x393F0AC10000, 0x3A4009C10000, 0x3B4109C10000,
        0x3C4208A10000, 0x3D4308A10000, 0x3E4405210000, 0x3F4505210000,
        0x404604410000, 0x414704410000, 0x424802A10000, 0x434902A10000,
        0x444A02210000, 0x454B02210000, 0x464C01410000, 0x474D01410000,
        0x484E01110000, 0x494F01110000, 0x4A5000850000, 0x4B5100850000,
        0x4C5200490000, 0x4D5300490000, 0x4E5400250000, 0x4F5500250000,
        0x505600150000, 0x515700150000, 0x525800090000, 0x535900090000,
        0x545A00050000, 0x555B00050000, 0x565A00010000, 0x575B00010000,
        0x5C5C56010000, 0x5D5D56010000,
    ];

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
    public static J2kMqRegisters Start(ref byte segment)
    {
        var r = new J2kMqRegisters { B = ref segment, C = (uint)segment << 16 };
        ByteIn(ref r);
        r.C <<= 7;
        r.Ct -= 7;
        r.A = 0x8000u << 16;
        return r;
    }

    /// <summary>DECODE (T.800 C.3.2): one decision in <paramref name="context"/>, whose state it updates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Decode(ref J2kMqRegisters r, ref byte context)
    {
        int index = context;
        var entry = Unsafe.Add(ref MemoryMarshal.GetReference(Transitions), index);
        var qe = (uint)entry;
        var decision = index & 1;
        r.A -= qe;
        if (r.C < qe)
        {
            // LPS_EXCHANGE: the smaller sub-interval decides
            if (r.A < qe)
            {
                context = (byte)(entry >> 32);
            }
            else
            {
                decision ^= 1;
                context = (byte)(entry >> 40);
            }
            r.A = qe;
            Renormalize(ref r);
            return decision;
        }
        r.C -= qe;
        if ((int)r.A < 0)
            return decision; // A still at least 0x8000: MPS without renormalisation
        // MPS_EXCHANGE
        if (r.A < qe)
        {
            decision ^= 1;
            context = (byte)(entry >> 40);
        }
        else
        {
            context = (byte)(entry >> 32);
        }
        Renormalize(ref r);
        return decision;
    }

    /// <summary>RENORMD (T.800 C.3.3): A doubled until its top bit is set, with a new byte whenever CT runs out; the shifts
    /// needed are known up front from A's leading zeros, so they are done in as few steps as the bytes allow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Renormalize(ref J2kMqRegisters r)
    {
        // A (shifted) is in [0x1_0000, 0x7FFF_0000] here, so 1 to 15 shifts
        var shifts = BitOperations.LeadingZeroCount(r.A);
        while (shifts > r.Ct)
        {
            r.A <<= r.Ct;
            r.C <<= r.Ct;
            shifts -= r.Ct;
            ByteIn(ref r);
        }
        r.A <<= shifts;
        r.C <<= shifts;
        r.Ct -= shifts;
    }

    /// <summary>BYTEIN (T.800 C.3.4): a 0xFF followed by a byte above 0x8F is a marker, so no more data is fed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ByteIn(ref J2kMqRegisters r)
    {
        if (r.B == 0xFF)
        {
            int next = Unsafe.Add(ref r.B, 1);
            if (next > 0x8F)
            {
                r.C += 0xFF00;
                r.Ct = 8;
            }
            else
            {
                r.B = ref Unsafe.Add(ref r.B, 1);
                r.C += (uint)next << 9;
                r.Ct = 7;
            }
        }
        else
        {
            r.B = ref Unsafe.Add(ref r.B, 1);
            r.C += (uint)r.B << 8;
            r.Ct = 8;
        }
    }

    internal static ulong[] BuildTransitions()
    {
        var table = new ulong[Qe.Length * 2];
        for (var i = 0; i < table.Length; i++)
        {
            var state = i >> 1;
            var mps = i & 1;
            var afterMps = (NextMps[state] << 1) | mps;
            var afterLps = (NextLps[state] << 1) | (Switch[state] ? mps ^ 1 : mps);
            table[i] = ((ulong)Qe[state] << 16) | ((ulong)afterMps << 32) | ((ulong)afterLps << 40);
        }
        return table;
    }
}
