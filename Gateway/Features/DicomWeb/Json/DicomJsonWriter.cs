using System.Globalization;
using System.Text.Json;
using HeadCt.Dicom;

namespace HeadCt.Gateway.Features.DicomWeb.Json;

/// <summary>
/// The DICOM JSON Model (PS3.18 Annex F): an object per data set keyed by the tag's eight hex digits, each attribute an
/// object with "vr" and, when it has values, "Value" (PN as Alphabetic/Ideographic/Phonetic groups, IS/DS and binary
/// numbers as JSON numbers, AT as tags), "InlineBinary" (base64) or "BulkDataURI".
/// </summary>
public static class DicomJsonWriter
{
    /// <summary>Binary values above this many bytes are referred to by BulkDataURI (when the caller gives one).</summary>
    public const int InlineBinaryLimit = 1024;

    public static string TagKey(DicomTag tag) => $"{tag.Group:X4}{tag.Element:X4}";

    /// <summary>One attribute from a value the index holds: text, an integer, text values, or null (present, empty).</summary>
    public static void WriteValue(Utf8JsonWriter json, DicomTag tag, DicomVr vr, object? value)
    {
        json.WritePropertyName(TagKey(tag));
        json.WriteStartObject();
        json.WriteString("vr", vr.Name);
        switch (value)
        {
            case null:
                break;
            case string[] values when values.Length == 0:
                break;
            case string[] values:
                WriteTextValues(json, vr, values);
                break;
            case string text when text.Length == 0:
                break;
            case string text:
                WriteTextValues(json, vr, vr.IsSingleValuedText ? [text] : text.Split('\\'));
                break;
            case int number:
                json.WriteStartArray("Value");
                json.WriteNumberValue(number);
                json.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"No JSON form for a {value.GetType().Name} value of {TagKey(tag)}.", nameof(value));
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// A data set's attributes in tag order; <paramref name="bulkDataUri"/> names where a large top-level binary value is
    /// served (null: inline it). Group lengths and the File Meta Information are left out (PS3.18 §F.2.2).
    /// </summary>
    public static void WriteDataset(Utf8JsonWriter json, DicomDataset dataset, Func<DicomElement, string?>? bulkDataUri)
    {
        foreach (var element in dataset.OrderBy(element => element.Tag))
        {
            if (element.Tag.IsGroupLength || element.Tag.Group == 0x0002)
            {
                continue;
            }

            WriteElement(json, dataset, element, bulkDataUri);
        }
    }

    /// <summary>One attribute of <paramref name="owner"/> (whose Specific Character Set decodes its text).</summary>
    public static void WriteElement(Utf8JsonWriter json, DicomDataset owner, DicomElement element, Func<DicomElement, string?>? bulkDataUri)
    {
        json.WritePropertyName(TagKey(element.Tag));
        json.WriteStartObject();
        json.WriteString("vr", element.Vr.Name);
        WriteElementValue(json, owner, element, bulkDataUri);
        json.WriteEndObject();
    }

    private static void WriteElementValue(Utf8JsonWriter json, DicomDataset dataset, DicomElement element, Func<DicomElement, string?>? bulkDataUri)
    {
        var vr = element.Vr;
        if (element.IsSequence)
        {
            json.WriteStartArray("Value");
            foreach (var item in element.Items)
            {
                json.WriteStartObject();
                WriteDataset(json, item, null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            return;
        }

        if (element.Fragments is not null || IsBinary(vr))
        {
            if (bulkDataUri?.Invoke(element) is { } uri && (element.Fragments is not null || element.Value.Length > InlineBinaryLimit))
            {
                json.WriteString("BulkDataURI", uri);
            }
            else if (element.Fragments is null && element.Value.Length > 0)
            {
                json.WriteBase64String("InlineBinary", element.Value.Span);
            }

            return;
        }

        if (element.Value.Length == 0)
        {
            return;
        }

        if (vr == DicomVr.AT)
        {
            json.WriteStartArray("Value");
            var span = element.Value.Span;
            for (var i = 0; i + 4 <= span.Length; i += 4)
            {
                var group = element.IsBigEndian ? (span[i] << 8) | span[i + 1] : span[i] | (span[i + 1] << 8);
                var number = element.IsBigEndian ? (span[i + 2] << 8) | span[i + 3] : span[i + 2] | (span[i + 3] << 8);
                json.WriteStringValue($"{group:X4}{number:X4}");
            }

            json.WriteEndArray();
            return;
        }

        if (IsBinaryNumber(vr))
        {
            json.WriteStartArray("Value");
            foreach (var number in dataset.GetDoubles(element.Tag))
            {
                WriteNumber(json, number);
            }

            json.WriteEndArray();
            return;
        }

        WriteTextValues(json, vr, vr.IsSingleValuedText ? [dataset.GetString(element.Tag) ?? string.Empty] : dataset.GetStrings(element.Tag));
    }

    private static void WriteTextValues(Utf8JsonWriter json, DicomVr vr, IReadOnlyList<string> values)
    {
        json.WriteStartArray("Value");
        foreach (var value in values)
        {
            var text = value.Trim();
            if (text.Length == 0)
            {
                json.WriteNullValue();
            }
            else if (vr == DicomVr.PN)
            {
                WritePersonName(json, text);
            }
            else if (vr == DicomVr.IS || vr == DicomVr.DS)
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    WriteNumber(json, number);
                }
                else
                {
                    json.WriteStringValue(text); // a malformed number is shown as sent rather than lost
                }
            }
            else
            {
                json.WriteStringValue(text);
            }
        }

        json.WriteEndArray();
    }

    /// <summary>PS3.18 §F.2.2: the alphabetic, ideographic and phonetic component groups ('=' separated).</summary>
    private static void WritePersonName(Utf8JsonWriter json, string value)
    {
        var groups = value.Split('=');
        json.WriteStartObject();
        string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
        for (var i = 0; i < Math.Min(groups.Length, names.Length); i++)
        {
            if (groups[i].Length > 0)
            {
                json.WriteString(names[i], groups[i]);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, double number)
    {
        if (double.IsFinite(number) && number == Math.Floor(number) && Math.Abs(number) < 1e15)
        {
            json.WriteNumberValue((long)number);
        }
        else if (double.IsFinite(number))
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture)); // NaN/Infinity have no JSON number form
        }
    }

    private static bool IsBinaryNumber(DicomVr vr) =>
        vr == DicomVr.US || vr == DicomVr.SS || vr == DicomVr.UL || vr == DicomVr.SL || vr == DicomVr.FL || vr == DicomVr.FD ||
        vr == DicomVr.UV || vr == DicomVr.SV;

    private static bool IsBinary(DicomVr vr) =>
        vr == DicomVr.OB || vr == DicomVr.OW || vr == DicomVr.OF || vr == DicomVr.OD || vr == DicomVr.OL || vr == DicomVr.OV || vr == DicomVr.UN;
}
