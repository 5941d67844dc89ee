using HeadCt.Dicom;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// Validates a file from its header window alone (PS3.10 §7.1 preamble, "DICM", File Meta Information, then the
/// data set up to Pixel Data), so a study never has to be held in memory to be checked.
/// </summary>
public static class DicomPartInspector
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public static DicomPartInspection Inspect(ReadOnlyMemory<byte> window, bool windowHoldsWholeFile)
    {
        if (window.IsEmpty)
        {
            return DicomPartInspection.Rejected("The file is empty.");
        }

        DicomFile file;
        try
        {
            file = DicomReader.Read(window, HeaderOnly);
        }
        catch (DicomException e) when (e.Kind == DicomErrorKind.Truncated && !windowHoldsWholeFile)
        {
            return DicomPartInspection.Rejected($"The DICOM header is larger than the {window.Length}-byte validation window.");
        }
        catch (DicomException e)
        {
            return DicomPartInspection.Rejected($"Not a readable DICOM file: {e.Message}");
        }

        var sopInstanceUid = file.Dataset.GetString(DicomTags.SopInstanceUid);
        if (!DicomUids.IsValid(sopInstanceUid))
        {
            return DicomPartInspection.Rejected("SOP Instance UID (0008,0018) is missing or not a valid UID.");
        }

        var seriesInstanceUid = file.Dataset.GetString(DicomTags.SeriesInstanceUid);
        if (!DicomUids.IsValid(seriesInstanceUid))
        {
            return DicomPartInspection.Rejected("Series Instance UID (0020,000E) is missing or not a valid UID.");
        }

        return new DicomPartInspection(sopInstanceUid, seriesInstanceUid, null);
    }
}
