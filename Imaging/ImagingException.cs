namespace HeadCt.Imaging;

/// <summary>Why a series cannot become a volume; stable for callers and problem-details "type" URIs.</summary>
public enum ImagingErrorKind
{
    NoUsableSeries,
    TooFewSlices,
    MissingGeometry,
    MixedGeometry,
    GantryTiltRefused,
    UnsupportedPixels,
    VolumeTooLarge,
}

/// <summary>A series the imaging pipeline refuses, with the reason a result document can carry.</summary>
public sealed class ImagingException(ImagingErrorKind kind, string reason, Exception? inner = null)
    : Exception($"{kind}: {reason}", inner)
{
    public ImagingErrorKind Kind { get; } = kind;
    public string Reason { get; } = reason;
}
