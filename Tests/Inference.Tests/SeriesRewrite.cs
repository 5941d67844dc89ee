using HeadCt.Dicom;
using HeadCt.Imaging;

namespace HeadCt.Inference.Tests;

/// <summary>A real series copied with one change made to every file's data set (read and written with our Dicom library).</summary>
internal static class SeriesRewrite
{
    public static StudyImagingResult Build(string series, TempFolder folder, Action<DicomDataset> change)
    {
        var target = Path.Combine(folder.Path, "rewritten");
        Directory.CreateDirectory(target);
        foreach (var path in Directory.GetFiles(CorpusStudies.Folder(series)))
        {
            var file = DicomReader.ReadFile(path);
            change(file.Dataset);
            using var output = File.Create(Path.Combine(target, Path.GetFileName(path)));
            DicomWriter.Write(output, file, file.TransferSyntax);
        }
        return StudyImaging.Build(Directory.GetFiles(target), ImagingOptions.Default with { Projections = [] });
    }
}
