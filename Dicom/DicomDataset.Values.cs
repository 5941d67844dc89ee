using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using HeadCt.Dicom.Text;

namespace HeadCt.Dicom;

/// <summary>Typed reading of element values.</summary>
public sealed partial class DicomDataset
{
    private static readonly DicomTag SpecificCharacterSetTag = new(0x0008, 0x0005);

    /// <summary>The first value, padding trimmed, decoded via Specific Character Set; numbers are formatted invariantly.</summary>
    public string? GetString(DicomTag tag)
    {
        var element = Find(tag);
        if (element is null || element.IsSequence || element.Fragments is not null)
            return null;
        if (element.Vr.Kind is VrKind.Number)
            return element.Value.Length >= element.Vr.ValueSize ? FormatNumber(element, 0) : null;
        if (element.Vr.Kind is VrKind.Binary)
            return null;
        var text = DecodeText(element);
        if (element.Vr.IsSingleValuedText)
            return ValueText.Trim(text, element.Vr);
        var separator = text.IndexOf('\\');
        return ValueText.Trim(separator < 0 ? text : text[..separator], element.Vr);
    }

    /// <summary>All backslash-separated values (empty when absent).</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var element = Find(tag);
        if (element is null || element.IsSequence || element.Fragments is not null || element.Value.IsEmpty)
            return [];
        if (element.Vr.Kind is VrKind.Number)
        {
            var values = new string[element.Value.Length / element.Vr.ValueSize];
            for (var i = 0; i < values.Length; i++)
                values[i] = FormatNumber(element, i);
            return values;
        }
        if (element.Vr.Kind is VrKind.Binary)
            return [];
        return ValueText.Split(DecodeText(element), element.Vr);
    }

    /// <summary>A numeric value: DS/IS (and untyped UN text) parsed, binary VRs (US, SS, UL, SL, FL, FD, SV, UV) read.</summary>
    public double? GetDouble(DicomTag tag, int index = 0)
    {
        var element = Find(tag);
        if (element is null || index < 0)
            return null;
        if (element.Vr.Kind is VrKind.Number)
            return TryReadBinary(element, index, out var number) ? number : null;
        if (!IsParsableText(element) || !ValueText.TrySliceValue(element.Value.Span, index, out var slice))
            return null;
        return double.TryParse(slice, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>All numeric values; empty when absent or when any value is not a number.</summary>
    public double[] GetDoubles(DicomTag tag)
    {
        var element = Find(tag);
        if (element is null)
            return [];
        if (element.Vr.Kind is VrKind.Number)
        {
            var values = new double[element.Value.Length / element.Vr.ValueSize];
            for (var i = 0; i < values.Length; i++)
                TryReadBinary(element, i, out values[i]);
            return values;
        }
        if (!IsParsableText(element))
            return [];
        var text = element.Value.Span;
        var parsed = new double[ValueText.CountValues(text)];
        for (var i = 0; i < parsed.Length; i++)
        {
            var separator = text.IndexOf((byte)'\\');
            var part = ValueText.TrimPadding(separator < 0 ? text : text[..separator]);
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]))
                return [];
            text = separator < 0 ? [] : text[(separator + 1)..];
        }
        return parsed;
    }

    /// <summary>An integer value (IS, US, SS, UL, SL…; a DS holding an integral number too).</summary>
    public int? GetInt32(DicomTag tag, int index = 0)
    {
        var element = Find(tag);
        if (element is null || index < 0)
            return null;
        if (element.Vr.Kind is not VrKind.Number)
        {
            if (IsParsableText(element) && ValueText.TrySliceValue(element.Value.Span, index, out var slice)
                && int.TryParse(slice, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                return parsed;
        }
        return GetDouble(tag, index) is { } value && value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : null;
    }

    /// <summary>The items of a sequence (empty when absent or not a sequence).</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) => Find(tag)?.Items ?? [];

    /// <summary>The encoding that Specific Character Set (0008,0005) selects, inherited from enclosing data sets.</summary>
    internal Encoding TextEncoding
    {
        get
        {
            var element = Find(SpecificCharacterSetTag);
            if (element is null || element.Value.IsEmpty)
                return Parent?.TextEncoding ?? CharacterSets.Default;
            var cached = _encodingCache;
            if (cached is not null && ReferenceEquals(cached.Source, element))
                return cached.Encoding;
            var encoding = CharacterSets.FromValue(Encoding.ASCII.GetString(element.Value.Span));
            _encodingCache = new ResolvedCharacterSet(element, encoding);
            return encoding;
        }
    }

    // Resolved once per (0008,0005) element; replacing the element invalidates it by identity.
    // A reference (not a struct) so that concurrent readers never see a torn pair.
    private ResolvedCharacterSet? _encodingCache;

    private sealed record ResolvedCharacterSet(DicomElement Source, Encoding Encoding);

    private string DecodeText(DicomElement element) =>
        ValueText.Decode(element.Value.Span, element.Vr.UsesCharacterSet ? TextEncoding : CharacterSets.Default);

    private static bool IsParsableText(DicomElement element) => element.Vr.IsText || element.Vr == DicomVr.UN;

    private static string FormatNumber(DicomElement element, int index)
    {
        if (element.Vr == DicomVr.AT)
        {
            var span = element.Value.Span[(index * 4)..];
            var group = element.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
            var number = element.IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
            return new DicomTag(group, number).ToString();
        }
        TryReadBinary(element, index, out var value);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool TryReadBinary(DicomElement element, int index, out double value)
    {
        var size = element.Vr.ValueSize;
        value = 0;
        if ((long)(index + 1) * size > element.Value.Length)
            return false;
        var span = element.Value.Span.Slice(index * size, size);
        var big = element.IsBigEndian;
        var vr = element.Vr;
        if (vr == DicomVr.US || vr == DicomVr.OW)
            value = big ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
        else if (vr == DicomVr.SS)
            value = big ? BinaryPrimitives.ReadInt16BigEndian(span) : BinaryPrimitives.ReadInt16LittleEndian(span);
        else if (vr == DicomVr.UL || vr == DicomVr.OL || vr == DicomVr.AT)
            value = big ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
        else if (vr == DicomVr.SL)
            value = big ? BinaryPrimitives.ReadInt32BigEndian(span) : BinaryPrimitives.ReadInt32LittleEndian(span);
        else if (vr == DicomVr.FL || vr == DicomVr.OF)
            value = big ? BinaryPrimitives.ReadSingleBigEndian(span) : BinaryPrimitives.ReadSingleLittleEndian(span);
        else if (vr == DicomVr.FD || vr == DicomVr.OD)
            value = big ? BinaryPrimitives.ReadDoubleBigEndian(span) : BinaryPrimitives.ReadDoubleLittleEndian(span);
        else if (vr == DicomVr.SV)
            value = big ? BinaryPrimitives.ReadInt64BigEndian(span) : BinaryPrimitives.ReadInt64LittleEndian(span);
        else if (vr == DicomVr.UV || vr == DicomVr.OV)
            value = big ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);
        else
            return false;
        return true;
    }
}
