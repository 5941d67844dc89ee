using System.Buffers.Binary;

namespace HeadCt.Dicom.Writing;

/// <summary>
/// Encodes data elements in Explicit or Implicit VR Little Endian (PS3.5 §7.1): values padded to even length
/// (§7.1.1), sequences and items written with undefined length and delimiters (§7.5.2), encapsulated pixel
/// data as an offset table item and fragment items (§A.4). Values read big endian are swapped per VR.
/// </summary>
internal sealed class DatasetEncoder(Stream output, bool explicitVr)
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private static readonly DicomTag Item = new(0xFFFE, 0xE000);
    private static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    private static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);

    private readonly byte[] _header = new byte[12];

    public void WriteDataset(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            // Group lengths (retired outside group 0002) and trailing padding would be stale after re-encoding.
            if (element.Tag.IsGroupLength || element.Tag == DicomTags.DataSetTrailingPadding)
                continue;
            WriteElement(element);
        }
    }

    public void WriteElement(DicomElement element)
    {
        if (element.IsSequence)
        {
            WriteHeader(element.Tag, DicomVr.SQ, UndefinedLength);
            foreach (var item in element.Items)
            {
                WriteMarker(Item, UndefinedLength);
                WriteDataset(item);
                WriteMarker(ItemDelimitation, 0);
            }
            WriteMarker(SequenceDelimitation, 0);
            return;
        }
        if (element.Fragments is { } fragments)
        {
            WriteHeader(element.Tag, DicomVr.OB, UndefinedLength);
            WriteFragment(fragments.BasicOffsetTable.Span);
            foreach (var fragment in fragments.Fragments)
                WriteFragment(fragment.Span);
            WriteMarker(SequenceDelimitation, 0);
            return;
        }

        var value = element.Value.Span;
        var padded = value.Length + (value.Length & 1);
        if (explicitVr && !element.Vr.HasLongLength && padded > ushort.MaxValue)
            throw new DicomException(DicomErrorKind.InvalidValueLength,
                $"A {element.Vr} value of {padded} bytes does not fit its 16-bit length field", element.Tag);
        WriteHeader(element.Tag, element.Vr, (uint)padded);
        if (element.IsBigEndian && element.Vr.SwapUnit > 1 && element.Vr != DicomVr.UN)
            WriteSwapped(value, element.Vr.SwapUnit);
        else
            output.Write(value);
        if ((value.Length & 1) == 1)
            output.WriteByte(element.Vr.PaddingByte);
    }

    private void WriteFragment(ReadOnlySpan<byte> fragment)
    {
        WriteMarker(Item, (uint)(fragment.Length + (fragment.Length & 1)));
        output.Write(fragment);
        if ((fragment.Length & 1) == 1)
            output.WriteByte(0);
    }

    private void WriteHeader(DicomTag tag, DicomVr vr, uint length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(2), tag.Element);
        if (!explicitVr)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), length);
            output.Write(_header, 0, 8);
            return;
        }
        _header[4] = (byte)(vr.Code >> 8);
        _header[5] = (byte)vr.Code;
        if (vr.HasLongLength)
        {
            _header[6] = 0;
            _header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), length);
            output.Write(_header, 0, 12);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(6), (ushort)length);
            output.Write(_header, 0, 8);
        }
    }

    /// <summary>Items and delimiters have no VR in any syntax (PS3.5 §7.5).</summary>
    private void WriteMarker(DicomTag tag, uint length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(2), tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), length);
        output.Write(_header, 0, 8);
    }

    private void WriteSwapped(ReadOnlySpan<byte> value, int unit)
    {
        var buffer = new byte[value.Length];
        var whole = value.Length - value.Length % unit;
        for (var i = 0; i < whole; i += unit)
            for (var b = 0; b < unit; b++)
                buffer[i + b] = value[i + unit - 1 - b];
        value[whole..].CopyTo(buffer.AsSpan(whole));
        output.Write(buffer);
    }
}
