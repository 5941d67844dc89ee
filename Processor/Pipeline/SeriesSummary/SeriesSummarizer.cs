using HeadCt.Dicom;

namespace HeadCt.Processor.Pipeline.SeriesSummary;

/// <summary>
/// Groups instances by Series Instance UID and picks the series to analyse: CT, not a localizer (ImageType value
/// LOCALIZER, PS3.3 C.8.2.1.1.1), one image size; of those, the one with the most slices.
/// </summary>
public static class SeriesSummarizer
{
    public const string Localizer = "LOCALIZER";

    public static IReadOnlyList<SeriesSummary> Summarize(IReadOnlyList<DicomImageHeader> headers)
    {
        var groups = new Dictionary<string, List<DicomImageHeader>>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var uid = header.SeriesInstanceUid ?? "";
            if (!groups.TryGetValue(uid, out var members))
            {
                groups[uid] = members = [];
            }

            members.Add(header);
        }

        var candidates = new List<(string Uid, List<DicomImageHeader> Members, string? Exclusion)>();
        foreach (var (uid, members) in groups)
        {
            candidates.Add((uid, members, ExclusionOf(members)));
        }

        // Most slices first; ties broken by UID so the choice is the same on every run.
        candidates.Sort((a, b) => b.Members.Count != a.Members.Count
            ? b.Members.Count.CompareTo(a.Members.Count)
            : string.CompareOrdinal(a.Uid, b.Uid));

        string? chosen = null;
        var summaries = new List<SeriesSummary>(candidates.Count);
        foreach (var (uid, members, exclusion) in candidates)
        {
            var analysed = exclusion is null && chosen is null;
            var skipReason = exclusion;
            if (analysed)
            {
                chosen = uid;
            }
            else if (exclusion is null)
            {
                skipReason = $"Another CT series has more slices ({groups[chosen!].Count} against {members.Count}).";
            }

            summaries.Add(Describe(uid, members, analysed, skipReason));
        }

        return summaries;
    }

    private static string? ExclusionOf(List<DicomImageHeader> members)
    {
        var modality = members[0].Modality;
        if (!string.Equals(modality, "CT", StringComparison.OrdinalIgnoreCase))
        {
            return $"Modality is {modality ?? "missing"}, not CT.";
        }

        foreach (var member in members)
        {
            if (Array.Exists(member.ImageType, value => string.Equals(value, Localizer, StringComparison.OrdinalIgnoreCase)))
            {
                return "Localizer (scout) images.";
            }
        }

        return SingleSize(members) is null ? "Instances differ in size." : null;
    }

    private static (int Rows, int Columns)? SingleSize(List<DicomImageHeader> members)
    {
        var first = (members[0].Rows, members[0].Columns);
        foreach (var member in members)
        {
            if ((member.Rows, member.Columns) != first)
            {
                return null;
            }
        }

        return first;
    }

    private static SeriesSummary Describe(string uid, List<DicomImageHeader> members, bool analysed, string? skipReason)
    {
        var size = SingleSize(members);
        return new SeriesSummary(
            uid,
            members[0].Modality,
            members[0].SeriesDescription,
            members.Count,
            size?.Rows,
            size?.Columns,
            MostCommonTransferSyntax(members),
            analysed,
            skipReason);
    }

    private static string MostCommonTransferSyntax(List<DicomImageHeader> members)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var best = members[0].TransferSyntaxUid;
        foreach (var member in members)
        {
            var count = counts[member.TransferSyntaxUid] = counts.GetValueOrDefault(member.TransferSyntaxUid) + 1;
            if (count > counts[best])
            {
                best = member.TransferSyntaxUid;
            }
        }

        return best;
    }
}
