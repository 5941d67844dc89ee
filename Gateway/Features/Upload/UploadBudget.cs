namespace HeadCt.Gateway.Features.Upload;

/// <summary>What one upload has used of its limits so far, across all parts and zip entries.</summary>
internal sealed class UploadBudget(UploadLimitsOptions limits)
{
    private int _files;
    private long _decompressedBytes;

    public UploadLimitsOptions Limits { get; } = limits;

    public void CountFile()
    {
        if (++_files > Limits.MaxFileCount)
        {
            throw new UploadLimitExceededException(nameof(UploadLimitsOptions.MaxFileCount),
                $"The upload holds more than {Limits.MaxFileCount} files.");
        }
    }

    public void CountDecompressed(int bytes)
    {
        _decompressedBytes += bytes;
        if (_decompressedBytes > Limits.MaxDecompressedBytes)
        {
            throw new UploadLimitExceededException(nameof(UploadLimitsOptions.MaxDecompressedBytes),
                $"The zip archives decompress to more than {Limits.MaxDecompressedBytes} bytes.");
        }
    }
}
