using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Corpus;

/// <summary>
/// Lossy files whose hash differs (another libjpeg/OpenJPEG build may differ by ±1) are compared with a lossless
/// reference of the same source image: a manifest row with the same source file, lossless, with an expected hash
/// and the same pixel format. The mean absolute difference must stay within 1% of the Bits Stored range.
/// Without such a reference only the shape is checked (done by the caller).
/// </summary>
internal static class LossyComparison
{
    public static Outcome Check(IReadOnlyDictionary<string, string> row, DecodedPixelData decoded, List<string> mismatches)
    {
        var reference = FindReference(row);
        if (reference is null)
            return Outcome.LossyWithinTolerance;
        var expected = PixelDataDecoder.Decode(CorpusFiles.Read(reference["path"]));
        if (expected.Bytes.Length != decoded.Bytes.Length)
        {
            mismatches.Add($"{row["path"]}: {decoded.Bytes.Length} bytes, lossless reference {reference["path"]} has {expected.Bytes.Length}");
            return Outcome.LossyWithinTolerance;
        }
        var meanDifference = MeanAbsoluteDifference(decoded, expected);
        var limit = 0.01 * (1 << decoded.Info.BitsStored);
        if (meanDifference > limit)
            mismatches.Add($"{row["path"]}: mean |difference| {meanDifference:F2} from {reference["path"]} exceeds {limit:F1}");
        return Outcome.LossyWithinTolerance;
    }

    private static IReadOnlyDictionary<string, string>? FindReference(IReadOnlyDictionary<string, string> row)
    {
        string[] sameFormat = ["rows", "columns", "samples_per_pixel", "bits_allocated", "bits_stored", "pixel_representation"];
        return Manifest.Rows.FirstOrDefault(other =>
            other["lossy"] != "yes" && other["expected_pixel_sha256"].Length > 0
            && other["source_repo"] == row["source_repo"] && other["source_path"] == row["source_path"]
            && other["transfer_syntax_uid"] is "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2"
            && sameFormat.All(column => other[column] == row[column]));
    }

    private static double MeanAbsoluteDifference(DecodedPixelData a, DecodedPixelData b)
    {
        var size = a.Info.BytesPerSample;
        var signed = a.Info.IsSigned;
        double total = 0;
        var count = a.Bytes.Length / size;
        for (var i = 0; i < count; i++)
            total += Math.Abs(Sample(a.Bytes, i, size, signed) - Sample(b.Bytes, i, size, signed));
        return count == 0 ? 0 : total / count;
    }

    private static long Sample(byte[] bytes, int index, int size, bool signed) => size switch
    {
        1 => signed ? (sbyte)bytes[index] : bytes[index],
        2 => signed ? BitConverter.ToInt16(bytes, index * 2) : BitConverter.ToUInt16(bytes, index * 2),
        _ => signed ? BitConverter.ToInt32(bytes, index * 4) : BitConverter.ToUInt32(bytes, index * 4),
    };
}
