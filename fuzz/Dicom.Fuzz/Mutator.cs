using System.Buffers.Binary;
using System.Numerics;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// Structure-aware byte mutations for DICOM files: the ones a random bit flipper rarely hits
/// (value length fields, undefined lengths, item tags) next to plain bit flips and truncations.
/// </summary>
internal sealed class Mutator(Random random)
{
    private static readonly uint[] InterestingLengths =
        [0, 1, 2, 3, 4, 7, 8, 0xFE, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x20, 0x5C];

    // VRs whose explicit-VR header has two reserved bytes and a 32-bit length (PS3.5 §7.1.2, Table 7.1-1).
    private static readonly string[] LongLengthVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    private static readonly string[] ShortLengthVrs =
        ["AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"];

    /// <summary>Mutates the first <paramref name="length"/> bytes of <paramref name="buffer"/> one to four times (one in half the cases); returns the new length.</summary>
    public int Mutate(byte[] buffer, int length)
    {
        // Mostly one mutation: every structural one tends to make the reader reject the input, and the
        // codecs are only reached when the header survives.
        var rounds = 1 + BitOperations.TrailingZeroCount(random.Next(1, 16));
        for (var i = 0; i < rounds && length > 0; i++)
            length = MutateOnce(buffer, length);
        return length;
    }

    private int MutateOnce(byte[] buffer, int length) => random.Next(8) switch
    {
        0 => FlipBit(buffer, length),
        1 => SetByte(buffer, length),
        2 => Truncate(length),
        3 or 4 => CorruptLengthField(buffer, length),
        5 => SetInterestingWord(buffer, length),
        6 => DuplicateChunk(buffer, length),
        _ => DeleteChunk(buffer, length),
    };

    private int FlipBit(byte[] buffer, int length)
    {
        buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
        return length;
    }

    private int SetByte(byte[] buffer, int length)
    {
        buffer[random.Next(length)] = random.Next(2) == 0
            ? InterestingBytes[random.Next(InterestingBytes.Length)]
            : (byte)random.Next(256);
        return length;
    }

    private int Truncate(int length) => random.Next(length);

    private int SetInterestingWord(byte[] buffer, int length)
    {
        if (length < 4)
            return FlipBit(buffer, length);
        var value = InterestingLengths[random.Next(InterestingLengths.Length)];
        var span = buffer.AsSpan(random.Next(length - 3), 4);
        if (random.Next(2) == 0)
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        else
            BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value);
        return length;
    }

    /// <summary>
    /// Looks forward from a random offset for something that looks like an element header
    /// (an explicit VR, or an item / delimiter tag FFFE,xxxx) and rewrites its value length.
    /// </summary>
    private int CorruptLengthField(byte[] buffer, int length)
    {
        var start = random.Next(length);
        for (var p = start; p + 12 <= length; p++)
        {
            var lengthOffset = FindLengthField(buffer, p, out var lengthSize);
            if (lengthOffset < 0)
                continue;
            var value = random.Next(3) == 0
                ? (uint)random.Next()
                : InterestingLengths[random.Next(InterestingLengths.Length)];
            var field = buffer.AsSpan(lengthOffset, lengthSize);
            if (lengthSize == 2)
                BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(field, value);
            return length;
        }
        return SetInterestingWord(buffer, length);
    }

    private static int FindLengthField(byte[] buffer, int p, out int lengthSize)
    {
        lengthSize = 4;
        // Item (FFFE,E000), item delimiter (FFFE,E00D), sequence delimiter (FFFE,E0DD): PS3.5 §7.5.
        if (buffer[p] == 0xFE && buffer[p + 1] == 0xFF && buffer[p + 3] == 0xE0)
            return p + 4;
        var vr = string.Create(2, (buffer[p + 4], buffer[p + 5]), static (chars, b) => { chars[0] = (char)b.Item1; chars[1] = (char)b.Item2; });
        if (Array.IndexOf(LongLengthVrs, vr) >= 0)
            return p + 8;
        lengthSize = 2;
        return Array.IndexOf(ShortLengthVrs, vr) >= 0 ? p + 6 : -1;
    }

    private int DuplicateChunk(byte[] buffer, int length)
    {
        var chunk = 1 + random.Next(Math.Min(64, length));
        if (length + chunk > buffer.Length)
            return SetByte(buffer, length);
        var from = random.Next(length - chunk + 1);
        var to = random.Next(length + 1);
        var copy = buffer.AsSpan(from, chunk).ToArray();
        buffer.AsSpan(to, length - to).CopyTo(buffer.AsSpan(to + chunk));
        copy.CopyTo(buffer.AsSpan(to));
        return length + chunk;
    }

    private int DeleteChunk(byte[] buffer, int length)
    {
        var chunk = 1 + random.Next(Math.Min(64, length));
        var from = random.Next(length - chunk + 1);
        buffer.AsSpan(from + chunk, length - from - chunk).CopyTo(buffer.AsSpan(from));
        return length - chunk;
    }
}
