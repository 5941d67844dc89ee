namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// The byte ranges (local header to end of data) of the entries read so far. Directory records that point into data
/// already read, whether at the same local header or inside another entry, make a few kilobytes stand for thousands
/// of files (the overlapping-entries zip bomb): each archive byte may belong to one entry only. At most the entry cap
/// of ranges is kept.
/// </summary>
internal sealed class ZipEntrySpans
{
    private readonly List<(long Start, long End)> _spans = [];

    /// <summary>Records [start, end) unless it overlaps a range recorded before.</summary>
    public bool TryClaim(long start, long end)
    {
        var at = _spans.BinarySearch((start, end), Comparer<(long Start, long End)>.Create((a, b) => a.Start.CompareTo(b.Start)));
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        if ((at > 0 && _spans[at - 1].End > start) || (at < _spans.Count && _spans[at].Start < end))
        {
            return false;
        }

        _spans.Insert(at, (start, end));
        return true;
    }
}
