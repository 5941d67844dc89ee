using HeadCt.Services.Common.Imaging;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>What one study ingest has used of its limits so far: files, decompressed bytes and pixels.</summary>
public sealed class IngestBudget(IngestLimitsOptions limits, PixelBudgetOptions pixels)
{
    private int _files;
    private long _decompressedBytes;

    public IngestLimitsOptions Limits { get; } = limits;

    public PixelBudget Pixels { get; } = new(pixels);

    public void CountFile()
    {
        if (++_files > Limits.MaxFileCount)
        {
            throw new IngestLimitExceededException(nameof(IngestLimitsOptions.MaxFileCount),
                $"The upload holds more than {Limits.MaxFileCount} files.");
        }
    }

    public void CountDecompressed(int bytes)
    {
        _decompressedBytes += bytes;
        if (_decompressedBytes > Limits.MaxDecompressedBytes)
        {
            throw new IngestLimitExceededException(nameof(IngestLimitsOptions.MaxDecompressedBytes),
                $"The zip archives decompress to more than {Limits.MaxDecompressedBytes} bytes.");
        }
    }
}
