using HeadCt.Dicom;
using HeadCt.StudyIndex.Attributes;

namespace HeadCt.StudyIndex.Qido;

/// <summary>A parsed QIDO-RS search (PS3.18 §10.6): level, the UIDs of its URL, matching keys and what to return.</summary>
public sealed record QidoQuery
{
    public required QidoLevel Level { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public IReadOnlyList<QidoMatch> Matches { get; init; } = [];

    /// <summary>Attributes to return beyond the defaults: indexed ones and any other tag read from the stored header.</summary>
    public IReadOnlyList<DicomTag> IncludeFields { get; init; } = [];

    public bool IncludeAll { get; init; }
    public int Limit { get; init; }
    public int Offset { get; init; }

    /// <summary>Keys we do not match on (named in a 299 Warning header, PS3.18 §8.3.4.1).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>The indexed attributes every result carries.</summary>
    public IReadOnlyList<IndexedAttribute> ReturnAttributes()
    {
        var attributes = new List<IndexedAttribute>();
        void Add(IndexedAttribute attribute)
        {
            if (!attributes.Contains(attribute) && IndexedAttributes.Applies(attribute, Level))
            {
                attributes.Add(attribute);
            }
        }

        foreach (var attribute in IndexedAttributes.OfLevel(Level, withHigherLevels: false))
        {
            if (attribute.Default || IncludeAll)
            {
                Add(attribute);
            }
        }

        // Unscoped series and instance searches carry the levels above (PS3.18 Tables 10.6.3-4 and -5 notes).
        var studyScoped = StudyInstanceUid is not null;
        var seriesScoped = SeriesInstanceUid is not null;
        foreach (var attribute in IndexedAttributes.All)
        {
            var above = attribute.Level < Level;
            var unscoped = (attribute.Level == QidoLevel.Study && !studyScoped) || (attribute.Level == QidoLevel.Series && !seriesScoped);
            if (above && ((attribute.Default && unscoped) || IncludeAll))
            {
                Add(attribute);
            }
        }

        Add(IndexedAttributes.StudyInstanceUid);
        if (Level >= QidoLevel.Series)
        {
            Add(IndexedAttributes.SeriesInstanceUid);
        }

        foreach (var match in Matches)
        {
            Add(match.Attribute);
        }

        foreach (var tag in IncludeFields)
        {
            if (IndexedAttributes.Find(tag, Level) is { } attribute)
            {
                Add(attribute);
            }
        }

        return attributes;
    }

    /// <summary>includefield tags that have no column: answered from the stored header.</summary>
    public IReadOnlyList<DicomTag> HeaderFields() =>
        [.. IncludeFields.Where(tag => IndexedAttributes.Find(tag, Level) is null)];
}
