using HeadCt.Dicom.Codecs;

namespace HeadCt.Dicom.Pixels;

/// <summary>The Image Pixel module (PS3.3 C.7.6.3) of a data set, validated before any pixel byte is touched.</summary>
internal sealed record PixelFormat(FrameInfo Info, int HighBit, int NumberOfFrames, bool IsFloat, bool IsYbr422Native)
{
    public int BytesPerSample => Info.BytesPerSample;

    public long FrameLength => Info.DecodedFrameLength;

    /// <summary>Bits the stored form of one native frame occupies (PS3.5 §8.1.1; YBR_FULL_422 shares chroma between two pixels).</summary>
    public long StoredFrameBits => IsYbr422Native
        ? (long)Info.Rows * Info.Columns * 2 * Info.BitsAllocated
        : (long)Info.Rows * Info.Columns * Info.SamplesPerPixel * Info.BitsAllocated;

    public static PixelFormat From(DicomDataset ds, DicomElement pixelData, bool encapsulated)
    {
        var isFloat = pixelData.Tag.Element is 0x0008 or 0x0009;
        var rows = Required(ds, DicomTags.Rows, 1, ushort.MaxValue);
        var columns = Required(ds, DicomTags.Columns, 1, ushort.MaxValue);
        var bitsAllocated = Required(ds, DicomTags.BitsAllocated, 1, 64);
        if (bitsAllocated is not (1 or 8 or 16 or 32 or 64) || (bitsAllocated == 64 && !isFloat))
            throw Unsupported($"Bits Allocated {bitsAllocated} is not supported (1, 8, 16, 32; 64 only for double float pixel data)", DicomTags.BitsAllocated);
        var bitsStored = Optional(ds, DicomTags.BitsStored, bitsAllocated, 1, bitsAllocated);
        var highBit = Optional(ds, DicomTags.HighBit, bitsStored - 1, 0, bitsAllocated - 1);
        var samples = Optional(ds, DicomTags.SamplesPerPixel, 1, 1, 4);
        if (samples is not (1 or 3))
            throw Unsupported($"Samples Per Pixel {samples} is not supported (1 or 3)", DicomTags.SamplesPerPixel);
        var pixelRepresentation = Optional(ds, DicomTags.PixelRepresentation, 0, 0, 1);
        var planar = samples > 1 ? Optional(ds, DicomTags.PlanarConfiguration, 0, 0, 1) : 0;
        var frames = Optional(ds, DicomTags.NumberOfFrames, 1, 0, int.MaxValue);
        if (frames == 0)
            frames = 1; // some writers put 0 for single-frame images
        var photometric = ds.GetString(DicomTags.PhotometricInterpretation);
        if (string.IsNullOrEmpty(photometric))
            photometric = samples == 1 ? "MONOCHROME2" : "RGB"; // ACR-NEMA files omit it
        var info = new FrameInfo(rows, columns, samples, bitsAllocated, bitsStored, pixelRepresentation == 1, planar, photometric);
        var ybr422 = !encapsulated && samples == 3 && photometric == "YBR_FULL_422";
        if (ybr422 && (columns % 2 != 0 || bitsAllocated != 8))
            throw Unsupported("Native YBR_FULL_422 needs an even number of columns and 8-bit samples", DicomTags.PhotometricInterpretation);
        return new PixelFormat(info, highBit, frames, isFloat, ybr422);
    }

    /// <summary>Checked after the stored length, so that a header promising more than the data holds reports the data as short.</summary>
    public void EnsureAllocatable()
    {
        if ((long)NumberOfFrames * FrameLength > Array.MaxLength)
            throw new DicomException(DicomErrorKind.InvalidAttribute,
                $"{NumberOfFrames} frames of {Info.Rows}×{Info.Columns}×{Info.SamplesPerPixel} samples exceed the largest array .NET can allocate", DicomTags.NumberOfFrames);
    }

    private static int Required(DicomDataset ds, DicomTag tag, int min, int max)
    {
        if (!ds.Contains(tag))
            throw new DicomException(DicomErrorKind.MissingAttribute, $"{tag} is required to decode pixel data", tag);
        return Optional(ds, tag, 0, min, max);
    }

    private static int Optional(DicomDataset ds, DicomTag tag, int fallback, int min, int max)
    {
        if (!ds.Contains(tag))
            return fallback;
        var value = ds.GetInt32(tag) ?? throw new DicomException(DicomErrorKind.InvalidAttribute, $"{tag} has no readable integer value", tag);
        if (value < min || value > max)
            throw new DicomException(DicomErrorKind.InvalidAttribute, $"{tag} is {value}, expected {min}..{max}", tag);
        return value;
    }

    private static DicomException Unsupported(string reason, DicomTag tag) =>
        new(DicomErrorKind.UnsupportedPixelFormat, reason, tag);
}
