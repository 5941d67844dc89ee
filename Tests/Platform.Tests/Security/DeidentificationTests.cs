using System.Security.Cryptography;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.Ingest.Deidentification;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>Upload:Deidentify: the PS3.15 Basic Profile applied to real slices carrying PHI markers.</summary>
public sealed class DeidentificationTests
{
    private const string StudyId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static readonly DicomTag OtherPatientIds = new(0x0010, 0x1000);

    private readonly PhiMarkers _markers = new();

    private byte[] MarkedSlice(int index) => _markers.Mark(File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[index]));

    [Fact]
    public void GivenASliceWithPhiMarkers_WhenDeidentified_ThenNoMarkerRemainsAndNameAndIdArePseudonyms()
    {
        var marked = MarkedSlice(0);
        Assert.NotEmpty(_markers.FoundIn(marked));

        var clean = new StudyDeidentifier(StudyId).Deidentify(marked);

        Assert.Empty(_markers.FoundIn(clean));
        var dataset = DicomReader.Read(clean).Dataset;
        Assert.Equal("ANONYMOUS", dataset.GetString(DicomTags.PatientName));
        Assert.Equal("ANON-" + StudyId, dataset.GetString(DicomTags.PatientId));
        Assert.Equal("", dataset.GetString(DicomTags.PatientBirthDate) ?? "");
        Assert.False(dataset.Contains(OtherPatientIds));
        Assert.False(dataset.Contains(DicomTags.InstitutionName));
        Assert.Equal("YES", dataset.GetString(new DicomTag(0x0012, 0x0062)));
    }

    [Fact]
    public void GivenASliceWithPrivateAttributes_WhenDeidentified_ThenNoneRemainAndPixelDataIsUnchanged()
    {
        var marked = MarkedSlice(0);
        var before = DicomReader.Read(marked).Dataset;
        Assert.Contains(before, element => element.Tag.IsPrivate);

        var after = DicomReader.Read(new StudyDeidentifier(StudyId).Deidentify(marked)).Dataset;

        Assert.DoesNotContain(after, element => element.Tag.IsPrivate);
        Assert.Equal(SHA256.HashData(before.Find(DicomTags.PixelData)!.Value.Span), SHA256.HashData(after.Find(DicomTags.PixelData)!.Value.Span));
        Assert.Equal(before.GetString(DicomTags.SopClassUid), after.GetString(DicomTags.SopClassUid));
    }

    [Fact]
    public void GivenTwoSlicesOfOneSeries_WhenDeidentifiedInOneUpload_ThenUidsAreNewButConsistentAcrossTheStudy()
    {
        var deidentifier = new StudyDeidentifier(StudyId);
        var (firstIn, secondIn) = (DicomReader.Read(MarkedSlice(0)).Dataset, DicomReader.Read(MarkedSlice(1)).Dataset);

        var first = DicomReader.Read(deidentifier.Deidentify(MarkedSlice(0))).Dataset;
        var second = DicomReader.Read(deidentifier.Deidentify(MarkedSlice(1))).Dataset;
        var otherUpload = DicomReader.Read(new StudyDeidentifier(StudyId).Deidentify(MarkedSlice(0))).Dataset;

        foreach (var tag in (DicomTag[])[DicomTags.StudyInstanceUid, DicomTags.SeriesInstanceUid, DicomTags.FrameOfReferenceUid])
        {
            Assert.NotEqual(firstIn.GetString(tag), first.GetString(tag));
            Assert.StartsWith("2.25.", first.GetString(tag));
            Assert.Equal(first.GetString(tag), second.GetString(tag));
            Assert.NotEqual(first.GetString(tag), otherUpload.GetString(tag));
        }

        Assert.NotEqual(first.GetString(DicomTags.SopInstanceUid), second.GetString(DicomTags.SopInstanceUid));
        Assert.NotEqual(firstIn.GetString(DicomTags.SopInstanceUid), first.GetString(DicomTags.SopInstanceUid));
        Assert.Equal(deidentifier.MappedUid(secondIn.GetString(DicomTags.SopInstanceUid)!), second.GetString(DicomTags.SopInstanceUid));
    }
}
