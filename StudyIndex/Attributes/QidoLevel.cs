namespace HeadCt.StudyIndex.Attributes;

/// <summary>The query/retrieve levels of PS3.18 §10.6 (and of the index's tables).</summary>
public enum QidoLevel
{
    Study,
    Series,
    Instance,
}
