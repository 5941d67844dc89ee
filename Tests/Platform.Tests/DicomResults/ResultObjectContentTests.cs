using HeadCt.Dicom;
using HeadCt.Processor.DicomResults;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>What the result objects say: they belong to the source study, in new series, with the source's frame of
/// reference and references to the analysed instances; the key images carry their legend; the SEG holds the attention
/// above the stated level; UIDs do not change when the same study is written again.</summary>
public sealed class ResultObjectContentTests(ResultObjectFixture fixture) : IClassFixture<ResultObjectFixture>
{
    [Fact]
    public void GivenAnEvaluatedStudy_WhenWritten_ThenEveryObjectIsANewSeriesOfTheSourceStudyWithItsPatient()
    {
        var source = DicomReader.ReadFile(Directory.GetFiles(Support.CorpusFiles.PathOf(ResultObjectFixture.Series))[0]).Dataset;
        Assert.Equal(["key-image-1", "key-image-2", "segmentation", "sr"], fixture.Objects.Select(item => item.Name).Order());
        Assert.Equal(3, fixture.Objects.Select(item => item.SeriesInstanceUid).Distinct().Count());
        foreach (var item in fixture.Objects)
        {
            var ds = DicomReader.Read(new MemoryStream(item.Bytes)).Dataset;
            Assert.Equal(source.GetString(DicomTags.StudyInstanceUid), ds.GetString(DicomTags.StudyInstanceUid));
            Assert.Equal(source.GetString(DicomTags.PatientId), ds.GetString(DicomTags.PatientId));
            Assert.Equal(source.GetString(DicomTags.PatientName), ds.GetString(DicomTags.PatientName));
            Assert.NotEqual(source.GetString(DicomTags.SeriesInstanceUid), ds.GetString(DicomTags.SeriesInstanceUid));
            Assert.StartsWith(ResultUids.Root + ".", item.SopInstanceUid);
        }
    }

    [Fact]
    public void GivenTheKeyImages_WhenRead_ThenTheyAreBurnedInRgbWithTheLegendBelowAndTheirSourceSlice()
    {
        var key = DicomReader.Read(new MemoryStream(fixture.Objects.Single(item => item.Name == "key-image-1").Bytes)).Dataset;
        Assert.Equal("YES", key.GetString(DicomTags.BurnedInAnnotation));
        Assert.Equal("RGB", key.GetString(DicomTags.PhotometricInterpretation));
        var reference = Assert.Single(key.GetSequence(DicomTags.SourceImageSequence));
        Assert.Contains(reference.GetString(DicomTags.ReferencedSopInstanceUid), fixture.Source.Instances.Select(instance => instance.SopInstanceUid));
        var legend = KeyImageWriter.Legend(fixture.Evaluated, 0, fixture.Evaluated.KeySlices[0], fixture.Attention.SliceCount);
        Assert.Equal("ICH PROBABILITY 0.87 (THRESHOLD 0.54): POSITIVE", legend[1]);
        Assert.Equal("DEMONSTRATOR - NOT FOR DIAGNOSIS", legend[^1]);
        var (_, width, height) = fixture.Attention.OverlayPixels(fixture.Evaluated.KeySlices[0]);
        Assert.Equal(width, key.GetInt32(DicomTags.Columns));
        Assert.True(key.GetInt32(DicomTags.Rows) > height, "the legend band lies below the image");
        var pixels = key.Find(DicomTags.PixelData)!.Value.Span;
        var band = pixels[(width * height * 3)..(width * key.GetInt32(DicomTags.Rows)!.Value * 3)];
        Assert.Contains((byte)255, band.ToArray());
    }

    [Fact]
    public void GivenTheSegmentation_WhenRead_ThenItsFramesHoldTheAttentionAboveTheLevelOnTheSourceGeometry()
    {
        var seg = DicomReader.Read(new MemoryStream(fixture.Objects.Single(item => item.Name == "segmentation").Bytes)).Dataset;
        var g = fixture.Volume.Geometry;
        var voxels = fixture.Attention.AttentionVolume.Voxels;
        var cut = voxels.Max() * SegmentationWriter.Level;
        var frames = seg.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var expectedFrames = Enumerable.Range(0, g.SizeZ).Where(z => fixture.Attention.AttentionVolume.Slice(z).ToArray().Any(v => v >= cut)).ToList();
        Assert.Equal(expectedFrames.Count, frames.Count);
        Assert.Equal(fixture.Source.FrameOfReferenceUid, seg.GetString(DicomTags.FrameOfReferenceUid));
        var bits = seg.Find(DicomTags.PixelData)!.Value.Span;
        var set = 0L;
        foreach (var b in bits)
            set += System.Numerics.BitOperations.PopCount(b);
        Assert.Equal(voxels.LongCount(v => v >= cut), set);
        var firstPosition = frames[0].GetSequence(DicomTags.PlanePositionSequence)[0].GetDoubles(DicomTags.ImagePositionPatient);
        var expected = g.PatientPosition(0, 0, expectedFrames[0]);
        Assert.Equal(expected.Z, firstPosition[2], 3);
        Assert.NotEmpty(frames[0].GetSequence(DicomTags.DerivationImageSequence));
    }

    [Fact]
    public void GivenTheSameStudyAndModel_WhenWrittenAgain_ThenTheUidsAreTheSameAndAnotherModelGetsOthers()
    {
        var again = ResultObjectWriter.Write(fixture.Evaluated, fixture.Attention);
        Assert.Equal(fixture.Objects.Select(item => item.SopInstanceUid), again.Select(item => item.SopInstanceUid));
        var otherModel = fixture.Evaluated with { Model = ResultObjectFixture.Model with { Sha256 = new string('0', 64) } };
        Assert.Empty(ResultObjectWriter.Write(otherModel, fixture.Attention).Select(item => item.SopInstanceUid)
            .Intersect(fixture.Objects.Select(item => item.SopInstanceUid)));
    }
}
