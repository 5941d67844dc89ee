using System.Buffers;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>One component's samples, padded to whole MCUs, with the extent that holds image data.</summary>
internal sealed class JpegPlane(int stride, int rows, int imageWidth, int imageHeight) : IDisposable
{
    public short[] Samples { get; } = ArrayPool<short>.Shared.Rent(stride * rows);
    public int Stride { get; } = stride;
    public int ImageWidth { get; } = imageWidth;
    public int ImageHeight { get; } = imageHeight;

    public void Dispose() => ArrayPool<short>.Shared.Return(Samples);
}
