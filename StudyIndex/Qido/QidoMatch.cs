using HeadCt.StudyIndex.Attributes;

namespace HeadCt.StudyIndex.Qido;

/// <summary>One matching key of a query: the attribute and its value as sent.</summary>
public sealed record QidoMatch(IndexedAttribute Attribute, string Value);
