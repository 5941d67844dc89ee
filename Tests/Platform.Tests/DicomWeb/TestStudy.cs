using System.Numerics;
using HeadCt.Dicom;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.DicomWeb;

/// <summary>
/// A corpus series rewritten with fresh Study, Series and SOP Instance UIDs and the given patient and study attributes,
/// so a test owns a DICOM study no other test stores (the corpus series are uploaded by many tests).
/// </summary>
public sealed record TestStudy(string StudyInstanceUid, string SeriesInstanceUid, IReadOnlyList<TestInstance> Instances)
{
    public const string GeSeriesJpegLs = "derived/ct_series_ge_head/jpegls_lossless_dcmtk";

    public static TestStudy From(string seriesFolder, string patientName, string patientId, string studyDate, string accession, int? take = null)
    {
        var study = NewUid();
        var series = NewUid();
        var files = CorpusFiles.SeriesFiles(seriesFolder);
        var instances = new List<TestInstance>();
        foreach (var path in take is null ? files : files.Take(take.Value))
        {
            var file = DicomReader.ReadFile(path);
            var sop = NewUid();
            var ds = file.Dataset;
            ds.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, study);
            ds.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, series);
            ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, sop);
            ds.SetString(DicomTags.PatientName, DicomVr.PN, patientName);
            ds.SetString(DicomTags.PatientId, DicomVr.LO, patientId);
            ds.SetString(DicomTags.StudyDate, DicomVr.DA, studyDate);
            ds.SetString(DicomTags.StudyTime, DicomVr.TM, "101500");
            ds.SetString(DicomTags.AccessionNumber, DicomVr.SH, accession);
            var meta = new DicomDataset();
            foreach (var element in file.FileMetaInformation)
            {
                if (element.Tag != DicomTags.MediaStorageSopInstanceUid)
                {
                    meta.Add(element);
                }
            }

            instances.Add(new TestInstance(sop, DicomWriter.ToBytes(new DicomFile(meta, ds, file.TransferSyntax), file.TransferSyntax), path));
        }

        return new TestStudy(study, series, instances);
    }

    public static string NewUid() => "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}

/// <summary>One instance of a <see cref="TestStudy"/>: its SOP Instance UID, its bytes, and the corpus file it came from.</summary>
public sealed record TestInstance(string SopInstanceUid, byte[] Bytes, string SourcePath);
