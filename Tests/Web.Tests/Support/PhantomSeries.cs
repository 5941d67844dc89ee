using HeadCt.Dicom;
using HeadCt.Inference.Phantoms;

namespace HeadCt.Web.Tests.Support;

/// <summary>
/// A synthetic head CT series, with a lesion or without, written as DICOM files into a temporary folder for one test;
/// with a <see cref="PhantomPatient"/> its patient and study attributes are that person's, so rows can be told apart.
/// </summary>
public sealed class PhantomSeries : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "headct-web-phantom", Guid.NewGuid().ToString("N"));

    public PhantomSeries(int seed, LesionKind? lesion, PhantomPatient? patient = null)
        : this(HeadPhantomSpec.Random(seed, lesion), patient)
    {
    }

    public PhantomSeries(HeadPhantomSpec spec, PhantomPatient? patient = null)
    {
        var phantom = HeadPhantomGenerator.Generate(spec);
        Files = PhantomDicomWriter.Write(phantom, Path.Combine(_root, "series"));
        LesionVoxelCount = phantom.LesionVoxelCount;
        if (patient is not null)
        {
            foreach (var path in Files)
            {
                Relabel(path, patient);
            }
        }
    }

    public IReadOnlyList<string> Files { get; }

    public long LesionVoxelCount { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Relabel(string path, PhantomPatient patient)
    {
        var file = DicomReader.Read(File.ReadAllBytes(path));
        var ds = file.Dataset;
        ds.SetString(DicomTags.PatientName, DicomVr.PN, patient.Name);
        ds.SetString(DicomTags.PatientId, DicomVr.LO, patient.Id);
        ds.SetString(DicomTags.PatientSex, DicomVr.CS, patient.Sex);
        ds.SetString(DicomTags.PatientBirthDate, DicomVr.DA, patient.BirthDate);
        ds.SetString(DicomTags.StudyDate, DicomVr.DA, patient.StudyDate);
        ds.SetString(DicomTags.StudyTime, DicomVr.TM, patient.StudyTime);
        ds.SetString(DicomTags.AccessionNumber, DicomVr.SH, patient.AccessionNumber);
        ds.SetString(DicomTags.StudyDescription, DicomVr.LO, patient.StudyDescription);
        using var stream = File.Create(path);
        DicomWriter.Write(stream, file, file.TransferSyntax);
    }
}

/// <summary>Who a phantom series belongs to, as DICOM strings (PN, DA YYYYMMDD, TM HHMMSS).</summary>
public sealed record PhantomPatient(
    string Name, string Id, string Sex, string BirthDate, string StudyDate, string StudyTime, string AccessionNumber, string StudyDescription);
