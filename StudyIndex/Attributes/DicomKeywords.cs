using System.Globalization;
using System.Reflection;
using HeadCt.Dicom;

namespace HeadCt.StudyIndex.Attributes;

/// <summary>
/// Resolves the attribute ids of QIDO-RS query keys and includefield (PS3.18 §8.3.4.1): a keyword of the DICOM
/// dictionary we carry (<see cref="DicomTags"/> and <see cref="IndexedAttributes"/>, compared without case, since
/// our names differ from PS3.6 only in casing: SopInstanceUid / SOPInstanceUID) or eight hex digits of a tag.
/// </summary>
public static class DicomKeywords
{
    private static readonly Dictionary<string, DicomTag> ByKeyword = Build();

    public static bool TryResolve(string attributeId, out DicomTag tag)
    {
        if (attributeId.Length == 8 && uint.TryParse(attributeId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            tag = new DicomTag(value);
            return true;
        }

        return ByKeyword.TryGetValue(attributeId, out tag);
    }

    private static Dictionary<string, DicomTag> Build()
    {
        var keywords = new Dictionary<string, DicomTag>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in typeof(DicomTags).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is DicomTag tag)
            {
                keywords[field.Name] = tag;
            }
        }

        foreach (var attribute in IndexedAttributes.All)
        {
            keywords[attribute.Keyword] = attribute.Tag;
        }

        return keywords;
    }
}
