using System.Globalization;
using System.Security.Cryptography;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Corpus;

internal enum Outcome { Identical, ExpectedError, Unsupported, ReadableWithoutReference, LossyWithinTolerance, Mismatch }

/// <summary>Reads and decodes one manifest file and compares it with the manifest (see <see cref="CorpusTests"/> for the rules).</summary>
internal static class CorpusFileCheck
{
    private static readonly string[] IntegerColumns =
        ["rows", "columns", "bits_allocated", "bits_stored", "high_bit", "pixel_representation", "samples_per_pixel", "number_of_frames"];

    public static Outcome Check(IReadOnlyDictionary<string, string> row, List<string> mismatches)
    {
        var path = row["path"];
        var failure = CorpusExpectations.Failures.GetValueOrDefault(path);
        var unsupported = CorpusExpectations.UnsupportedReason(path);

        DicomFile file;
        try
        {
            file = DicomReader.ReadFile(CorpusFiles.PathOf(path));
        }
        catch (DicomException e) when (failure is { Stage: Stage.Read } && e.Kind == failure.Kind)
        {
            return ExpectedError(e, path, mismatches);
        }
        if (failure is { Stage: Stage.Read })
        {
            mismatches.Add($"{path}: read succeeded, expected {failure.Kind} ({failure.Reason})");
            return Outcome.Mismatch;
        }

        CheckHeader(row, file, mismatches);
        var dataset = file.Dataset;
        if (!dataset.Contains(DicomTags.PixelData) && !dataset.Contains(DicomTags.FloatPixelData) && !dataset.Contains(DicomTags.DoubleFloatPixelData))
        {
            if (failure is not null || unsupported is not null || row["expected_pixel_sha256"].Length > 0)
                mismatches.Add($"{path}: no pixel data found but the test expects some");
            return Outcome.ReadableWithoutReference;
        }

        DecodedPixelData decoded;
        try
        {
            decoded = PixelDataDecoder.Decode(file);
        }
        catch (DicomException e) when (unsupported is not null && e.Kind == DicomErrorKind.UnsupportedTransferSyntax)
        {
            return Outcome.Unsupported;
        }
        catch (DicomException e) when (failure is { Stage: Stage.Decode } && e.Kind == failure.Kind)
        {
            return ExpectedError(e, path, mismatches);
        }
        if (unsupported is not null)
            mismatches.Add($"{path}: decoded although listed as unsupported ({unsupported}): remove it from the list");
        if (failure is not null)
            mismatches.Add($"{path}: decoded, expected {failure.Kind} ({failure.Reason})");

        CheckShape(row, decoded, mismatches);
        var oracle = Oracle(row);
        if (oracle.Length == 0)
            return Outcome.ReadableWithoutReference;
        var hash = Convert.ToHexStringLower(SHA256.HashData(decoded.Bytes));
        if (hash == oracle)
            return unsupported is null && failure is null ? Outcome.Identical : Outcome.Mismatch;
        if (row["lossy"] == "yes")
            return LossyComparison.Check(row, decoded, mismatches);
        mismatches.Add($"{path}: pixel SHA-256 {hash} differs from {oracle} ({row["verdict"]})");
        return Outcome.Mismatch;
    }

    /// <summary>
    /// The manifest's expected hash, except where it is of unmasked bits (pydicom 2.3.1, GDCM and DCMTK keep junk above
    /// High Bit): our contract clears or sign-extends those bits, so there the masked hash is the oracle.
    /// </summary>
    private static string Oracle(IReadOnlyDictionary<string, string> row)
    {
        var expected = row["expected_pixel_sha256"];
        var masked = row["pixel_sha256_masked"];
        return expected.Length > 0 && expected == row["pixel_sha256"] && masked.Length > 0 && masked != expected ? masked : expected;
    }

    private static Outcome ExpectedError(DicomException e, string path, List<string> mismatches)
    {
        if (string.IsNullOrWhiteSpace(e.Reason) || (e.Tag is null && e.Offset is null))
            mismatches.Add($"{path}: {e.Kind} must carry a reason and a tag or offset, got \"{e.Message}\"");
        return Outcome.ExpectedError;
    }

    private static void CheckHeader(IReadOnlyDictionary<string, string> row, DicomFile file, List<string> mismatches)
    {
        var path = row["path"];
        var header = DicomImageHeader.From(file);
        int?[] actual =
        [
            header.Rows, header.Columns, header.BitsAllocated, header.BitsStored, header.HighBit,
            header.PixelRepresentation, header.SamplesPerPixel, header.NumberOfFrames,
        ];
        for (var i = 0; i < IntegerColumns.Length; i++)
        {
            var cell = row[IntegerColumns[i]];
            // A cell that is not an integer (badVR.dcm's Number of Frames "1A") is pydicom's raw text: nothing to compare.
            if (int.TryParse(cell, CultureInfo.InvariantCulture, out var expected) && expected != actual[i])
                mismatches.Add($"{path}: {IntegerColumns[i]} is {actual[i]}, manifest says {cell}");
        }
        CompareText(path, "photometric_interpretation", row, header.PhotometricInterpretation, mismatches);
        CompareText(path, "modality", row, header.Modality, mismatches);
        CompareNumber(path, "rescale_slope", row, header.RescaleSlope, mismatches);
        CompareNumber(path, "rescale_intercept", row, header.RescaleIntercept, mismatches);

        var syntax = row["transfer_syntax_uid"];
        const string inferred = "none (inferred ";
        if (syntax.StartsWith(inferred, StringComparison.Ordinal))
            syntax = syntax[inferred.Length..].TrimEnd(')');
        if (syntax.Length > 0 && syntax != file.TransferSyntax.Uid)
            mismatches.Add($"{path}: transfer syntax {file.TransferSyntax.Uid}, manifest says {syntax}");
    }

    private static void CompareText(string path, string column, IReadOnlyDictionary<string, string> row, string? actual, List<string> mismatches)
    {
        if (row[column].Length > 0 && row[column] != actual)
            mismatches.Add($"{path}: {column} is \"{actual}\", manifest says \"{row[column]}\"");
    }

    private static void CompareNumber(string path, string column, IReadOnlyDictionary<string, string> row, double actual, List<string> mismatches)
    {
        if (row[column].Length > 0 && Math.Abs(double.Parse(row[column], CultureInfo.InvariantCulture) - actual) > 1e-9)
            mismatches.Add($"{path}: {column} is {actual}, manifest says {row[column]}");
    }

    /// <summary>decoded_shape is frames × rows × columns × samples with singleton frame/sample axes dropped.</summary>
    private static void CheckShape(IReadOnlyDictionary<string, string> row, DecodedPixelData decoded, List<string> mismatches)
    {
        var info = decoded.Info;
        var expectedLength = (long)decoded.NumberOfFrames * info.DecodedFrameLength;
        if (decoded.Bytes.Length != expectedLength)
            mismatches.Add($"{row["path"]}: decoded {decoded.Bytes.Length} bytes, the frame layout needs {expectedLength}");
        var shape = row["decoded_shape"];
        if (shape.Length == 0)
            return;
        var dims = new List<int>();
        if (decoded.NumberOfFrames > 1) dims.Add(decoded.NumberOfFrames);
        dims.Add(info.Rows);
        dims.Add(info.Columns);
        if (info.SamplesPerPixel > 1) dims.Add(info.SamplesPerPixel);
        var actual = string.Join('x', dims);
        if (actual != shape)
            mismatches.Add($"{row["path"]}: decoded shape {actual}, manifest says {shape}");
    }
}
