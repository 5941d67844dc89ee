using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>
/// Bounds on what one study ingest may send (section <c>Upload</c>, its name since the first upload API): every way a
/// study arrives is held to them. Exceeding one gives 413 for <c>POST /upload</c> and stores nothing.
/// </summary>
public sealed class IngestLimitsOptions
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

    /// <summary>Most entries in one zip's central directory; counted while it is read, so a 2-million-entry directory costs nothing.</summary>
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
    /// A body arriving slower than this (after <see cref="BodyRateGracePeriod"/>) is cut off by Kestrel, so a
    /// slow-drip client cannot hold a connection and a half-written study open. 8 KiB/s is a 64 kbit/s line.
    /// </summary>
    [Range(1, 100_000_000)]
    public double MinBodyBytesPerSecond { get; set; } = 8192;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BodyRateGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest one upload may take from its first byte to its answer, however steadily it sends: a client just
    /// above the minimum rate would otherwise hold a connection for hours. 30 minutes moves 4 GiB at 2.4 MB/s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(30);
}
