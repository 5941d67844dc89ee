using HeadCt.Dicom.Codecs;

namespace HeadCt.Dicom.Pixels;

/// <summary>
/// Decoded pixels: frames × rows × columns × samples, little endian, <see cref="FrameInfo.BytesPerSample"/> bytes each,
/// high bits cleared (unsigned) or sign-extended from Bits Stored (signed); 1-bit data one byte (0/1) per pixel;
/// colour interleaved; float pixel data as raw IEEE little-endian values.
/// </summary>
public sealed class DecodedPixelData
{
    internal DecodedPixelData(FrameInfo info, int numberOfFrames, byte[] bytes)
    {
        Info = info;
        NumberOfFrames = numberOfFrames;
        Bytes = bytes;
    }

    public FrameInfo Info { get; }
    public int NumberOfFrames { get; }
    public byte[] Bytes { get; }
}
