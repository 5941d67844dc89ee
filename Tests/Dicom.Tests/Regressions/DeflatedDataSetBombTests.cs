namespace HeadCt.Dicom.Tests.Regressions;

/// <summary>
/// Fuzzing finding (hand-made input, see fuzz/README.md): a 2.3 MB Deflated Explicit VR Little Endian file whose
/// data set inflates to 2.25 GiB. Before 56137f4, DicomReader.Read inflated it without a bound (3 minutes, 6.9 GB
/// resident), then threw System.IO.IOException "Stream was too long" from DicomReader.ReadToEnd &lt; Inflate &lt; Read
/// instead of a <see cref="DicomException"/>; a header-only stream read inflated 2 GB before failing.
/// </summary>
public class DeflatedDataSetBombTests
{
    private const int ChunksOf64MiB = 36;

    // Far above what bounded inflation needs, far below the 2 GB the unbounded reader allocated.
    private const long AllocationBudget = 512L << 20;

    [Fact]
    public void GivenDeflatedDataSetInflatingPast2GiB_WhenReadFromMemory_ThenDicomExceptionIsThrownWithoutInflatingIt()
    {
        var bomb = DeflateBomb.Build(ChunksOf64MiB);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        Assert.ThrowsAny<DicomException>(() => DicomReader.Read(bomb));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, AllocationBudget);
    }

    [Fact]
    public void GivenDeflatedDataSetInflatingPast2GiB_WhenHeaderIsReadFromStream_ThenDicomExceptionIsThrownWithoutInflatingIt()
    {
        var bomb = DeflateBomb.Build(ChunksOf64MiB);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        Assert.ThrowsAny<DicomException>(() =>
            DicomReader.Read(new MemoryStream(bomb), new DicomReadOptions { StopBeforePixelData = true }));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, AllocationBudget);
    }
}
