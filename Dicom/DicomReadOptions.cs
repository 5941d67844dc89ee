namespace HeadCt.Dicom;

public sealed class DicomReadOptions
{
    /// <summary>Stop at the pixel data element (7FE0,0010/0008/0009) of the top-level data set without reading its value.</summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>Deepest sequence nesting accepted before <see cref="DicomErrorKind.NestingTooDeep"/> (at most 1000).</summary>
    public int MaxSequenceDepth { get; init; } = 32;

    internal static readonly DicomReadOptions Default = new();
}
