using HeadCt.Dicom;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>
/// Validates a file from its header window alone (PS3.10 §7.1 preamble, "DICM", File Meta Information, then the
/// data set up to Pixel Data), so a study never has to be held in memory to be checked, and reads the image size it
/// declares (PS3.3 C.7.6.3: Rows, Columns; C.7.6.6: Number of Frames) for the pixel budget.
/// </summary>
public static class InstanceHeaderInspector
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public static InstanceHeader Inspect(ReadOnlyMemory<byte> window, bool windowHoldsWholeFile)
    {
        if (window.IsEmpty)
        {
            return InstanceHeader.Rejected("The file is empty.");
        }

        DicomDataset dataset;
        try
        {
            dataset = DicomReader.Read(window, HeaderOnly).Dataset;
        }
        catch (DicomException e) when (e.Kind == DicomErrorKind.Truncated && !windowHoldsWholeFile)
        {
            return InstanceHeader.Rejected($"The DICOM header is larger than the {window.Length}-byte validation window.");
        }
        catch (DicomException e)
        {
            return InstanceHeader.Rejected($"Not a readable DICOM file: {e.Message}");
        }

        var sopInstanceUid = dataset.GetString(DicomTags.SopInstanceUid);
        if (!DicomUids.IsValid(sopInstanceUid))
        {
            return InstanceHeader.Rejected("SOP Instance UID (0008,0018) is missing or not a valid UID.");
        }

        var seriesInstanceUid = dataset.GetString(DicomTags.SeriesInstanceUid);
        if (!DicomUids.IsValid(seriesInstanceUid))
        {
            return InstanceHeader.Rejected("Series Instance UID (0020,000E) is missing or not a valid UID.");
        }

        var studyInstanceUid = dataset.GetString(DicomTags.StudyInstanceUid);
        int rows, columns, frames;
        try
        {
            (rows, columns, frames) = (dataset.GetInt32(DicomTags.Rows) ?? 0, dataset.GetInt32(DicomTags.Columns) ?? 0,
                dataset.GetInt32(DicomTags.NumberOfFrames) ?? 1);
        }
        catch (Exception e) when (e is DicomException or FormatException or OverflowException)
        {
            return InstanceHeader.Rejected("Rows, Columns or Number of Frames is not a valid number.");
        }

        return new InstanceHeader(sopInstanceUid, seriesInstanceUid, DicomUids.IsValid(studyInstanceUid) ? studyInstanceUid : null,
            rows, columns, frames, null)
        {
            SopClassUid = dataset.GetString(DicomTags.SopClassUid),
        };
    }
}
