namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// What every fuzzer runs on one input: parse (from memory, and header-only from a stream, which reads
/// through a different buffer path), read the image header, decode the pixels.
/// A <see cref="DicomException"/> is the library's documented answer to malformed input; any other
/// exception escaping here is a bug (AFL++ records it as a crash, the smoke fuzzer as a finding).
/// </summary>
internal static class FuzzTarget
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>Runs the input through the library; returns how far the in-memory path got.</summary>
    public static FuzzOutcome Run(ReadOnlyMemory<byte> input)
    {
        ReadHeaderFromStream(input);
        return ReadAndDecode(input);
    }

    private static void ReadHeaderFromStream(ReadOnlyMemory<byte> input)
    {
        try
        {
            using var stream = new MemoryStream(input.ToArray(), writable: false);
            DicomImageHeader.From(DicomReader.Read(stream, HeaderOnly));
        }
        catch (DicomException)
        {
        }
    }

    private static FuzzOutcome ReadAndDecode(ReadOnlyMemory<byte> input)
    {
        try
        {
            var file = DicomReader.Read(input);
            DicomImageHeader.From(file);
            return FuzzOutcome.Parsed;
        }
        catch (DicomException)
        {
            return FuzzOutcome.Rejected;
        }
    }
}

/// <summary>How far one input got: rejected with a <see cref="DicomException"/>, parsed, or parsed and decoded.</summary>
internal enum FuzzOutcome
{
    Rejected,
    Parsed,
    Decoded,
}
