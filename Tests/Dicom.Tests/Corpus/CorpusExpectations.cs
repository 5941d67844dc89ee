namespace HeadCt.Dicom.Tests.Corpus;

/// <summary>What the corpus test expects of files that do not simply decode to their manifest hash.</summary>
internal static class CorpusExpectations
{
    /// <summary>
    /// Files (or folders, ending in '/') whose pixel data we cannot decode yet; decoding them must fail with
    /// <see cref="DicomErrorKind.UnsupportedTransferSyntax"/> and nothing else. This list only shrinks: when a
    /// codec lands, its files decode and the test asks for their entries to be removed.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>
    {
        ["syntaxes/htj2k/"] = "HTJ2K (…4.201): the Part 1 codestream path is ready, the Part 15 HT block decoder is not written yet (issue 8)",
    };

    /// <summary>
    /// Every file under broken/ and the other files that must raise a <see cref="DicomException"/>, with the stage,
    /// kind and reason. Files under broken/ that are not listed here must read cleanly (tolerated damage).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ExpectedFailure> Failures = new Dictionary<string, ExpectedFailure>
    {
        ["broken/MR_truncated.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "pixel data declares 8192 bytes, 8130 remain (DCMTK: error)"),
        ["broken/badVR.dcm"] = new(Stage.Decode, DicomErrorKind.InvalidAttribute, "Number of Frames is \"1A\"; the header itself reads (DCMTK: ok)"),
        ["broken/derived/empty_file.dcm"] = new(Stage.Read, DicomErrorKind.NotDicom, "zero bytes"),
        ["broken/derived/not_dicom_text.dcm"] = new(Stage.Read, DicomErrorKind.NotDicom, "a line of text"),
        ["broken/no_meta_stray_leading_byte.dcm"] = new(Stage.Read, DicomErrorKind.NotDicom, "one stray byte shifts every tag; no preamble to resynchronise on (DCMTK: error)"),
        ["broken/derived/encapsulated_truncated_mid_fragment.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "file cut inside a fragment (DCMTK: error)"),
        ["broken/derived/pixel_data_length_beyond_eof.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "pixel data length 0x7FFFFFF0 runs past the end; pydicom pads, we refuse to return garbage"),
        ["broken/derived/preamble_and_magic_only.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "nothing after DICM"),
        ["broken/derived/transfer_syntax_mislabelled_big_endian.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "little-endian data read as big endian gives absurd lengths (DCMTK: error)"),
        ["broken/derived/truncated_in_dataset_header.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "cut inside (0008,0070)"),
        ["broken/derived/truncated_in_file_meta.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "cut inside the File Meta Information"),
        ["broken/derived/truncated_in_pixel_data.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "cut at 60% of the pixel data"),
        ["broken/rtplan_truncated.dcm"] = new(Stage.Read, DicomErrorKind.Truncated, "cut inside a sequence item (DCMTK: error)"),
        ["broken/derived/rows_larger_than_pixel_data.dcm"] = new(Stage.Decode, DicomErrorKind.CorruptPixelData, "Rows says 600, the data holds 512 rows"),
        ["broken/JPEG2000-embedded-sequence-delimiter.dcm"] = new(Stage.Decode, DicomErrorKind.CorruptPixelData, "delimiter bytes FFFE,E0DD inside the fragment overwrite SIZ's Rsiz and Xsiz: the codestream claims 3722445056 columns (GDCM decodes it from the DICOM header; OpenJPEG refuses)"),
        ["broken/oob_monochrome_65535x65535.dcm"] = new(Stage.Decode, DicomErrorKind.CorruptPixelData, "header declares 8.6 GB of pixels, the file holds a few bytes"),
        ["features/bitdepth/bitsallocated12_philips_mr.dcm"] = new(Stage.Decode, DicomErrorKind.UnsupportedPixelFormat, "Bits Allocated 12 (packed) is not supported"),
        ["features/no_meta/meta_missing_tsyntax.dcm"] = new(Stage.Decode, DicomErrorKind.MissingAttribute, "pixel data without an Image Pixel module"),
        ["features/sequences/nested_priv_SQ.dcm"] = new(Stage.Decode, DicomErrorKind.MissingAttribute, "pixel data without an Image Pixel module"),
    };

    // Tolerated damage in broken/ (read cleanly, decode checked like any other file):
    // GH1339_missing_sequence_delimiter, encapsulated_missing_sequence_delimiter, emri_small_jpeg_2k_lossless_too_short:
    //   the sequence delimiter after the last fragment is missing at end of file (pydicom warns and reads).
    // GH177_IVRLE_BigEndian_undefined_length: an undefined-length UN element read as an implicit VR LE sequence (PS3.5 §6.2.2; DCMTK reads it).
    // JPEG2000-embedded-sequence-delimiter: delimiter bytes inside a fragment are data, fragment lengths decide (it reads;
    //   its codestream is then corrupt, see Failures).
    // bad_sequence: DCMTK and pydicom read it; odd_length_string_value: odd length tolerated;
    // wrong_meta_group_length: the meta group ends where group 0002 does, its group length is not trusted.

    public static string? UnsupportedReason(string path)
    {
        foreach (var (key, reason) in Unsupported)
        {
            if (key.EndsWith('/') ? path.StartsWith(key, StringComparison.Ordinal) : path == key)
                return reason;
        }
        return null;
    }
}

internal enum Stage { Read, Decode }

internal sealed record ExpectedFailure(Stage Stage, DicomErrorKind Kind, string Reason);
