using System.Text;
using HeadCt.Dicom;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Unique strings written into the PS3.15 Annex E identifying attributes of real slices, so that anything the system
/// emits can be searched for them byte by byte.
/// </summary>
public sealed class PhiMarkers
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>A date no real patient of this corpus has, searched for in both DICOM and ISO form.</summary>
    public const string BirthDate = "18730519";

    public (DicomTag Tag, DicomVr Vr, string Value)[] Attributes =>
    [
        (DicomTags.PatientName, DicomVr.PN, $"PHIMARK{_run}^NAME"),
        (DicomTags.PatientId, DicomVr.LO, $"PHIMARK{_run}ID"),
        (DicomTags.PatientBirthDate, DicomVr.DA, BirthDate),
        (new DicomTag(0x0010, 0x1000), DicomVr.LO, $"PHIMARK{_run}OTHERID"),
        (new DicomTag(0x0010, 0x1001), DicomVr.PN, $"PHIMARK{_run}^OTHERNAME"),
        (new DicomTag(0x0010, 0x1040), DicomVr.LO, $"PHIMARK{_run} ADDRESS STREET 1"),
        (new DicomTag(0x0010, 0x2154), DicomVr.SH, $"PHIMARK{_run}TEL"),
        (new DicomTag(0x0010, 0x1060), DicomVr.PN, $"PHIMARK{_run}^MOTHER"),
        (DicomTags.AccessionNumber, DicomVr.SH, $"PM{_run}ACC"),
        (DicomTags.InstitutionName, DicomVr.LO, $"PHIMARK{_run} HOSPITAL"),
        (new DicomTag(0x0008, 0x0081), DicomVr.ST, $"PHIMARK{_run} INSTITUTION ADDRESS"),
        (DicomTags.ReferringPhysicianName, DicomVr.PN, $"PHIMARK{_run}^REFERRER"),
        (new DicomTag(0x0008, 0x1050), DicomVr.PN, $"PHIMARK{_run}^PERFORMER"),
        (new DicomTag(0x0008, 0x1070), DicomVr.PN, $"PHIMARK{_run}^OPERATOR"),
        (DicomTags.StudyId, DicomVr.SH, $"PM{_run}SID"),
    ];

    /// <summary>What must never be found: each marker value, its run tag, and the birth date in the forms code may print.</summary>
    public string[] Needles => [.. Attributes.Select(a => a.Value), _run, BirthDate, "1873-05-19", "19.05.1873", "05/19/1873"];

    /// <summary>A copy of a DICOM file with every marker set (our reader and writer; native transfer syntaxes only).</summary>
    public byte[] Mark(byte[] file)
    {
        var read = DicomReader.Read(file);
        foreach (var (tag, vr, value) in Attributes)
        {
            read.Dataset.SetString(tag, vr, value);
        }

        return DicomWriter.ToBytes(new DicomFile(new DicomDataset(), read.Dataset, read.TransferSyntax), read.TransferSyntax);
    }

    /// <summary>The needles found in <paramref name="haystack"/> (UTF-8 or UTF-16, ignoring ASCII case).</summary>
    public IReadOnlyList<string> FoundIn(ReadOnlySpan<byte> haystack)
    {
        // Decoding keeps every ASCII byte (invalid sequences become U+FFFD), so binary protobuf can be searched too.
        var upper = Encoding.UTF8.GetString(haystack).ToUpperInvariant();
        var found = new List<string>();
        foreach (var needle in Needles)
        {
            var wanted = needle.ToUpperInvariant();
            var utf16 = Encoding.UTF8.GetString(Encoding.Unicode.GetBytes(wanted));
            if (upper.Contains(wanted, StringComparison.Ordinal) || upper.Contains(utf16, StringComparison.Ordinal))
            {
                found.Add(needle);
            }
        }

        return found;
    }

    public IReadOnlyList<string> FoundIn(string text) => FoundIn(Encoding.UTF8.GetBytes(text));
}
