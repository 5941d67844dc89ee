namespace HeadCt.Dicom.Codecs;

/// <summary>The image pixel module attributes a codec needs to decode one frame (PS3.3 C.7.6.3).</summary>
public sealed record FrameInfo(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    bool IsSigned,
    int PlanarConfiguration,
    string PhotometricInterpretation)
{
    public int BytesPerSample => BitsAllocated <= 8 ? 1 : BitsAllocated <= 16 ? 2 : BitsAllocated <= 32 ? 4 : 8;

    /// <summary>Size of one decoded frame: rows × columns × samples, interleaved, little endian.</summary>
    public long DecodedFrameLength => (long)Rows * Columns * SamplesPerPixel * BytesPerSample;
}
