using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>Bounds on one POST /upload; exceeding any gives 413 and stores nothing.</summary>
public sealed class UploadLimitsOptions
{
    public const string Section = "Upload";

    /// <summary>Largest single file: a multipart part, or one decompressed zip entry.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileSizeBytes { get; set; } = 512L << 20;

    /// <summary>Most files in one upload, counting every zip entry.</summary>
    [Range(1, 1_000_000)]
    public int MaxFileCount { get; set; } = 10_000;

    /// <summary>Largest request body, as sent (zips compressed).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = 4L << 30;

    [Range(1, 1_000_000)]
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>Most bytes all zip entries of one upload may decompress to.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 8L << 30;

    /// <summary>Largest decompressed/compressed size ratio of a zip entry (zip bombs reach thousands).</summary>
    [Range(1, 100_000)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Bytes buffered per file to validate its DICOM header before storing it.</summary>
    [Range(4096, 64 << 20)]
    public int HeaderWindowBytes { get; set; } = 1 << 20;

    /// <summary>
    /// A body arriving slower than this (after <see cref="BodyRateGracePeriod"/>) is cut off by Kestrel with 408, so a
    /// slow-drip client cannot hold a connection and a half-written study open.
    /// </summary>
    [Range(1, 100_000_000)]
    public double MinBodyBytesPerSecond { get; set; } = 240;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BodyRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
