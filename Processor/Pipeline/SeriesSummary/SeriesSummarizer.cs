using HeadCt.Dicom;
using HeadCt.Imaging.Selection;

namespace HeadCt.Processor.Pipeline.SeriesSummary;

/// <summary>
/// Groups instances by Series Instance UID and describes each series. Which series is analysed, and why the others
/// are not, is the imaging library's <see cref="SeriesSelector"/> decision: one rule in one place.
/// </summary>
public static class SeriesSummarizer
{
    public static IReadOnlyList<SeriesSummary> Summarize(IReadOnlyList<DicomImageHeader> headers, SeriesDecision decision)
    {
        var groups = new Dictionary<string, List<DicomImageHeader>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var header in headers)
        {
            var uid = header.SeriesInstanceUid ?? "";
            if (!groups.TryGetValue(uid, out var members))
            {
                groups[uid] = members = [];
                order.Add(uid);
            }

            members.Add(header);
        }

        var skipReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var skipped in decision.Skipped)
        {
            skipReasons[skipped.SeriesInstanceUid] = skipped.Reason;
        }

        // Most instances first, ties by UID: the same order on every run.
        order.Sort((a, b) => groups[b].Count != groups[a].Count
            ? groups[b].Count.CompareTo(groups[a].Count)
            : string.CompareOrdinal(a, b));
        var summaries = new List<SeriesSummary>(order.Count);
        foreach (var uid in order)
        {
            var analysed = decision.HasSeries && string.Equals(uid, decision.SeriesInstanceUid ?? "", StringComparison.Ordinal);
            var skipReason = analysed ? null : skipReasons.GetValueOrDefault(uid, decision.HasSeries ? "Not chosen." : decision.Reason);
            summaries.Add(Describe(uid, groups[uid], analysed, skipReason));
        }

        return summaries;
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
