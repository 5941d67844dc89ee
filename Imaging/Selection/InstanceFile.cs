using HeadCt.Dicom;

namespace HeadCt.Imaging.Selection;

/// <summary>One stored instance: where its file is, its header and the plane of each of its frames.</summary>
public sealed record InstanceFile(string Path, DicomImageHeader Header, IReadOnlyList<FramePlane> Frames)
{
    /// <summary>Descriptions, contrast and age attributes, for the model's applicability checks.</summary>
    public AcquisitionAttributes Acquisition { get; init; } = AcquisitionAttributes.None;

    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>Reads the header only; pixels are read later, when the volume is built.</summary>
    public static InstanceFile Read(string path) => From(path, DicomReader.ReadFile(path, HeaderOnly));

    public static InstanceFile From(string path, DicomFile file)
    {
        var header = DicomImageHeader.From(file);
        return new InstanceFile(path, header, FramePlaneReader.Read(file.Dataset, header)) { Acquisition = AcquisitionAttributes.From(file.Dataset) };
    }

    /// <summary>Reads every file of a folder (not recursive) that parses as DICOM; the others are returned as skipped.</summary>
    public static (List<InstanceFile> Instances, List<string> Unreadable) ReadFolder(string folder)
    {
        var instances = new List<InstanceFile>();
        var unreadable = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            try
            {
                instances.Add(Read(path));
            }
            catch (DicomException)
            {
                unreadable.Add(path);
            }
        }
        return (instances, unreadable);
    }
}
