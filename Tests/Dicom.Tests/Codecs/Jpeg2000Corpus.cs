using System.Security.Cryptography;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>The JPEG 2000 and HTJ2K rows of the corpus manifest.</summary>
internal static class Jpeg2000Corpus
{
    public const string Lossless = "1.2.840.10008.1.2.4.90";
    public const string Lossy = "1.2.840.10008.1.2.4.91";

    public static IEnumerable<IReadOnlyDictionary<string, string>> Rows(string syntax) =>
        Manifest.Rows.Where(row => row["transfer_syntax_uid"] == syntax);

    public static IEnumerable<IReadOnlyDictionary<string, string>> WithOracle(string syntax) =>
        Rows(syntax).Where(row => row["expected_pixel_sha256"].Length > 0);

    /// <summary>The oracle our contract meets: the masked hash where the manifest hashed junk above High Bit.</summary>
    public static string Oracle(IReadOnlyDictionary<string, string> row)
    {
        var expected = row["expected_pixel_sha256"];
        var masked = row["pixel_sha256_masked"];
        return expected == row["pixel_sha256"] && masked.Length > 0 ? masked : expected;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
