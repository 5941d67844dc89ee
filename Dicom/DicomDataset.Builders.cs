using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HeadCt.Dicom;

/// <summary>Convenience setters that encode values (little endian, padded to even length per PS3.5 §7.1.1).</summary>
public sealed partial class DicomDataset
{
    /// <summary>Sets a text element; several values are joined with a backslash.</summary>
    public void SetString(DicomTag tag, DicomVr vr, params string[] values)
    {
        if (!vr.IsText)
            throw new ArgumentException($"{vr} is not a character string VR", nameof(vr));
        var text = string.Join('\\', values);
        var encoding = vr.UsesCharacterSet ? TextEncoding : Encoding.ASCII;
        Set(new DicomElement(tag, vr, Pad(encoding.GetBytes(text), vr.PaddingByte)));
    }

    /// <summary>Sets a numeric element: DS/IS as text, US SS UL SL FL FD SV UV (and OW/OF/OD) as binary little endian.</summary>
    public void SetNumbers(DicomTag tag, DicomVr vr, params double[] values)
    {
        if (vr == DicomVr.DS || vr == DicomVr.IS)
        {
            var parts = new string[values.Length];
            for (var i = 0; i < values.Length; i++)
                parts[i] = vr == DicomVr.IS ? ((long)values[i]).ToString(CultureInfo.InvariantCulture) : FormatDecimalString(values[i]);
            SetString(tag, vr, parts);
            return;
        }
        var size = vr.ValueSize;
        if (size == 0 || vr == DicomVr.AT)
            throw new ArgumentException($"{vr} is not a numeric VR", nameof(vr));
        var bytes = new byte[size * values.Length];
        for (var i = 0; i < values.Length; i++)
            WriteNumber(bytes.AsSpan(i * size, size), vr, values[i]);
        Set(new DicomElement(tag, vr, bytes));
    }

    public void SetBytes(DicomTag tag, DicomVr vr, ReadOnlyMemory<byte> value) =>
        Set(new DicomElement(tag, vr, value.Length % 2 == 0 ? value : Pad(value.ToArray(), vr.PaddingByte)));

    public void SetSequence(DicomTag tag, IEnumerable<DicomDataset> items) => Set(DicomElement.Sequence(tag, items));

    /// <summary>At most 16 characters (PS3.5 Table 6.2-1, DS).</summary>
    private static string FormatDecimalString(double value)
    {
        for (var digits = 15; digits > 1; digits--)
        {
            var text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (text.Length <= 16)
                return text;
        }
        return value.ToString("G1", CultureInfo.InvariantCulture);
    }

    private static void WriteNumber(Span<byte> target, DicomVr vr, double value)
    {
        if (vr == DicomVr.US || vr == DicomVr.OW) BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)value);
        else if (vr == DicomVr.SS) BinaryPrimitives.WriteInt16LittleEndian(target, (short)value);
        else if (vr == DicomVr.UL || vr == DicomVr.OL) BinaryPrimitives.WriteUInt32LittleEndian(target, (uint)value);
        else if (vr == DicomVr.SL) BinaryPrimitives.WriteInt32LittleEndian(target, (int)value);
        else if (vr == DicomVr.FL || vr == DicomVr.OF) BinaryPrimitives.WriteSingleLittleEndian(target, (float)value);
        else if (vr == DicomVr.FD || vr == DicomVr.OD) BinaryPrimitives.WriteDoubleLittleEndian(target, value);
        else if (vr == DicomVr.SV) BinaryPrimitives.WriteInt64LittleEndian(target, (long)value);
        else BinaryPrimitives.WriteUInt64LittleEndian(target, (ulong)value);
    }

    private static byte[] Pad(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0)
            return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }
}
