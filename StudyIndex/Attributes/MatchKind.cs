namespace HeadCt.StudyIndex.Attributes;

/// <summary>How a query key is matched (PS3.4 §C.2.2.2).</summary>
public enum MatchKind
{
    /// <summary>Single value or wildcard (* and ?), case-sensitive.</summary>
    Text,

    /// <summary>Like <see cref="Text"/>, case-insensitive (PN; PS3.18 §8.3.4.6 lets names match regardless of case).</summary>
    PersonName,

    /// <summary>Single value or a list of UIDs separated by "\" or "," (PS3.4 §C.2.2.2.2).</summary>
    Uid,

    /// <summary>DA: single value or range (PS3.4 §C.2.2.2.5).</summary>
    Date,

    /// <summary>TM: single value or range.</summary>
    Time,

    /// <summary>IS: single integer value.</summary>
    Integer,

    /// <summary>Modalities in Study (CS, multi-valued): any listed value present.</summary>
    AnyOf,

    /// <summary>Returned, never matched (counts, availability).</summary>
    ReturnOnly,
}
