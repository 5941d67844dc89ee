using System.Buffers.Binary;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// Mutations for PDU streams: half the time the DICOM mutator's (bit flips, truncation, chunks, interesting words), half
/// the time a big-endian length (PDU 32-bit, item 16-bit, PDV 32-bit, PS3.8 §9.3) or type byte set to a boundary value
/// at a random offset; the first byte (the stage selector) is left alone so a seed stays in its stage.
/// </summary>
internal static class PduMutator
{
    private static readonly uint[] Lengths = [0, 1, 2, 3, 4, 5, 6, 7, 0x44, 0xFF, 0x100, 0x3FFA, 0x4000, 0xFFFA, 0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF];
    private static readonly byte[] Types = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x10, 0x20, 0x21, 0x30, 0x40, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x58, 0xFF];

    public static int Mutate(Random random, byte[] buffer, int length)
    {
        if (length < 2)
            return length;
        var selector = buffer[0];
        if (random.Next(2) == 0)
        {
            length = new Mutator(random).Mutate(buffer, length);
        }
        else
        {
            var at = 1 + random.Next(length - 1);
            switch (random.Next(3))
            {
                case 0 when at + 4 <= length:
                    BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), Lengths[random.Next(Lengths.Length)]);
                    break;
                case 1 when at + 2 <= length:
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), (ushort)Lengths[random.Next(Lengths.Length)]);
                    break;
                default:
                    buffer[at] = Types[random.Next(Types.Length)];
                    break;
            }
        }

        if (length > 0)
            buffer[0] = selector;
        return length;
    }
}
