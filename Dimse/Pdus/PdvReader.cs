using System.Buffers;
using System.Buffers.Binary;

namespace HeadCt.Dimse.Pdus;

/// <summary>Splits a P-DATA-TF body into its PDVs (PS3.8 §9.3.5), every item length checked against the body.</summary>
public static class PdvReader
{
    public static List<PresentationDataValue> Read(ReadOnlySequence<byte> body)
    {
        var values = new List<PresentationDataValue>(2);
        var reader = new SequenceReader<byte>(body);
        Span<byte> header = stackalloc byte[6];
        while (!reader.End)
        {
            if (!reader.TryCopyTo(header))
                throw new PduFormatException($"A PDV header needs 6 bytes, {reader.Remaining} remain");
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length < 2 || length - 2 > reader.Remaining - 6)
                throw new PduFormatException($"A PDV declares {length} bytes, {reader.Remaining - 4} remain in the P-DATA-TF");
            if ((header[5] & 0xFC) != 0)
                throw new PduFormatException($"Message control header {header[5]:X2}H sets reserved bits (PS3.8 Annex E.2)");
            var data = body.Slice(reader.Position).Slice(6, length - 2);
            values.Add(new PresentationDataValue(header[4], header[5], data));
            reader.Advance(4 + length);
        }

        if (values.Count == 0)
            throw new PduFormatException("A P-DATA-TF holds no PDV");
        return values;
    }
}
