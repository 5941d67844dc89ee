using System.ComponentModel.DataAnnotations;

namespace HeadCt.Services.Common.Imaging;

/// <summary>
/// <c>PixelBudget</c>: how many pixels a study may declare before anything is decoded. The gateway checks it at ingest
/// (413 naming the limit) and the processor again before it decodes (the job fails at once), so a small file that
/// declares a huge image (an 8192² RLE slice is 2 MB) cannot make either service allocate for it. Both services
/// read the same section; the defaults admit a 512×512×600 head CT with room to spare.
/// </summary>
public sealed class PixelBudgetOptions
{
    public const string Section = "PixelBudget";

    /// <summary>Rows × Columns of one frame. 4096² covers every CT reconstruction matrix in use (512², 768², 1024²).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFramePixels { get; set; } = 4096L * 4096;

    /// <summary>Rows × Columns × Number of Frames of one instance (an enhanced multi-frame CT holds a whole series).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixelsPerInstance { get; set; } = 1L << 28;

    /// <summary>
    /// All pixels of a study: every instance of an upload at the gateway, every instance the processor reads. 2^28
    /// voxels are 1 GiB as the processor's 32-bit volume; 512×512×600 is 157 million.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxVoxelsPerStudy { get; set; } = 1L << 28;
}
