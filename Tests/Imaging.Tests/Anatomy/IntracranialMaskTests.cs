using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using Xunit.Abstractions;

namespace HeadCt.Imaging.Tests.Anatomy;

/// <summary>
/// The intracranial mask (issue 15 §5): on a drawn skull it is the inside and nothing of the scalp; on the two real head
/// CTs of the corpus it has an adult's volume, only soft tissue, and no face of the volume cutting it; the abdomen CT
/// has none; where the field of view cuts a skull the face says so.
/// </summary>
public sealed class IntracranialMaskTests(ITestOutputHelper output)
{
    private static readonly Vector3d Centre = new(0, 0, 0);

    [Fact]
    public void GivenADrawnSkull_WhenMasked_ThenTheCavityIsItsInsideWithoutTheScalp()
    {
        var volume = Skull(size: 96, spacing: 2, cavityRadius: 70, shell: 6, scalp: 5);

        var mask = IntracranialMaskBuilder.Compute(volume);

        var sphereMl = 4 / 3.0 * Math.PI * Math.Pow(70, 3) / 1000;
        output.WriteLine($"mask {mask.VolumeMl:F0} mL, sphere {sphereMl:F0} mL");
        Assert.InRange(mask.VolumeMl, 0.95 * sphereMl, 1.02 * sphereMl);
        Assert.False(mask.Contains(48, 48 - 38, 48), "the scalp (40 HU, outside the skull) is not cavity");
        Assert.True(mask.Contains(48, 48, 48));
        Assert.All(mask.Faces, face => Assert.Equal(0, face.ContactMm2));
    }

    [Fact]
    public void GivenASkullWithAHoleAndOneWithout_WhenMasked_ThenTheHoleDoesNotLoseTheCavity()
    {
        var closed = IntracranialMaskBuilder.Compute(Skull(96, 2, 70, 6, 5));
        var open = IntracranialMaskBuilder.Compute(Skull(96, 2, 70, 6, 5, holeRadiusMm: 9));

        Assert.InRange(open.VolumeMl, 0.97 * closed.VolumeMl, 1.01 * closed.VolumeMl);
    }

    [Fact]
    public void GivenSoftTissueWithoutBone_WhenMasked_ThenThereIsNoCavity()
    {
        var volume = Skull(64, 3, 70, 6, 5);
        for (var i = 0; i < volume.Voxels.Length; i++)
        {
            if (volume.Voxels[i] > 300)
                volume.Voxels[i] = 40;
        }

        Assert.True(IntracranialMaskBuilder.Compute(volume).IsEmpty);
    }

    [Fact]
    public void GivenASkullCutAtTheTopOfTheFieldOfView_WhenMasked_ThenTheSuperiorFaceCarriesAWideSection()
    {
        var whole = Skull(96, 2, 70, 6, 5);
        var g = whole.Geometry;
        var slices = 60;   // up to 24 mm above the centre: the top slice cuts the sphere at 0.88 of its widest section
        var voxels = whole.Voxels.AsSpan(0, g.SizeX * g.SizeY * slices).ToArray();

        var mask = IntracranialMaskBuilder.Compute(new CtVolume(voxels, g with { SizeZ = slices }));

        var top = mask.Face("superior");
        Assert.InRange(top.FractionOfLargestSection, 0.8, 1.0);
        Assert.Equal(0, mask.Face("inferior").ContactMm2);
    }

    [Theory]
    [InlineData(Corpus.GeTilted)]
    [InlineData(Corpus.ToshibaTilted)]
    public void GivenARealHeadCt_WhenMasked_ThenTheCavityIsAnAdultsSoftTissueUncutByTheFieldOfView(string series)
    {
        var volume = StudyImaging.Build(Corpus.SeriesFiles(series), ImagingOptions.Default with { Projections = [] }).Volume!;

        var mask = IntracranialMaskBuilder.Compute(volume);

        output.WriteLine($"{series}: {mask.VolumeMl:F0} mL; " + string.Join(", ", mask.Faces.Select(f => $"{f.Side} {f.FractionOfLargestSection:F3}")));
        Assert.InRange(mask.VolumeMl, 1200, 1700);
        Assert.All(mask.Faces, face => Assert.True(face.FractionOfLargestSection < 0.05, $"{face.Side} cuts {face.FractionOfLargestSection:P0}"));
        for (var i = 0; i < mask.Voxels.Length; i++)
        {
            if (mask.Voxels[i] == 1)
                Assert.InRange(volume.Voxels[i], AnatomyHu.SoftTissueFrom, AnatomyHu.SoftTissueTo);
        }
    }

    [Fact]
    public void GivenTheAbdomenCt_WhenMasked_ThenThereIsAlmostNoCavity()
    {
        var volume = StudyImaging.Build(Corpus.SeriesFiles(Corpus.ThreeSlices), ImagingOptions.Default with { Projections = [] }).Volume!;

        var mask = IntracranialMaskBuilder.Compute(volume);

        output.WriteLine($"abdomen: {mask.VolumeMl:F1} mL");
        Assert.True(mask.VolumeMl < 50, $"{mask.VolumeMl:F1} mL");
    }

    /// <summary>A cube of air holding a head: brain (35 HU) in a sphere, a bone shell (1200 HU), scalp (40 HU); optionally a hole through the shell at its side.</summary>
    private static CtVolume Skull(int size, double spacing, double cavityRadius, double shell, double scalp, double holeRadiusMm = 0)
    {
        var origin = new Vector3d(-(size - 1) / 2.0 * spacing, -(size - 1) / 2.0 * spacing, -(size - 1) / 2.0 * spacing);
        var g = new VolumeGeometry(size, size, size, spacing, spacing, spacing, origin, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1));
        var voxels = new float[g.VoxelCount];
        var i = 0;
        for (var z = 0; z < size; z++)
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++, i++)
                {
                    var p = g.PatientPosition(x, y, z) - Centre;
                    var r = p.Length;
                    var inHole = holeRadiusMm > 0 && p.X > 0 && Math.Sqrt(p.Y * p.Y + p.Z * p.Z) < holeRadiusMm;
                    voxels[i] = r <= cavityRadius ? 35f
                        : r <= cavityRadius + shell ? (inHole ? 40f : 1200f)
                        : r <= cavityRadius + shell + scalp ? 40f
                        : -1000f;
                }
            }
        }
        return new CtVolume(voxels, g);
    }
}
