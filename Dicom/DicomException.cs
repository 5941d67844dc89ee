namespace HeadCt.Dicom;

/// <summary>What went wrong, stable enough for callers to branch on and for problem-details "type" URIs.</summary>
public enum DicomErrorKind
{
    NotDicom,
    Truncated,
    InvalidValueLength,
    InvalidVr,
    InvalidSequence,
    NestingTooDeep,
    UnsupportedTransferSyntax,
    UnsupportedPixelFormat,
    MissingAttribute,
    InvalidAttribute,
    CorruptPixelData,
}

/// <summary>A DICOM input that cannot be read, naming the tag and byte offset at fault where known.</summary>
public class DicomException : Exception
{
    public DicomException(DicomErrorKind kind, string message, DicomTag? tag = null, long? offset = null, Exception? inner = null)
        : base(Describe(kind, message, tag, offset), inner)
    {
        Kind = kind;
        Tag = tag;
        Offset = offset;
        Reason = message;
    }

    public DicomErrorKind Kind { get; }
    public DicomTag? Tag { get; }
    public long? Offset { get; }

    /// <summary>The reason without the tag/offset decoration.</summary>
    public string Reason { get; }

    private static string Describe(DicomErrorKind kind, string message, DicomTag? tag, long? offset)
    {
        var where = (tag, offset) switch
        {
            ({ } t, { } o) => $" (tag {t}, offset {o})",
            ({ } t, null) => $" (tag {t})",
            (null, { } o) => $" (offset {o})",
            _ => "",
        };
        return $"{kind}: {message}{where}";
    }
}
