using HeadCt.Imaging.Volume;
using HeadCt.Processor.Renderings;

namespace HeadCt.Platform.Tests.Units;

/// <summary>
/// The volume stored beside a result reads back as the job's own volume after rounding (so every replica draws the
/// same images), with its geometry exactly; damaged or oversized bytes are refused with a reason before allocating.
/// </summary>
public sealed class StoredVolumeFormatTests
{
    private static readonly VolumeGeometry Geometry = new(3, 2, 2, 0.45, 0.46, 4.8,
        new Vector3d(-120.5, -99.25, 33.125), new Vector3d(1, 0, 0), new Vector3d(0, 0.9986, -0.0523), new Vector3d(0, 0.0523, 0.9986));

    [Fact]
    public async Task GivenAVolume_WhenRoundedStoredAndRead_ThenVoxelsAndGeometryAreTheSame()
    {
        float[] voxels = [-1024f, -0.5f, 0.5f, 1.5f, 40.4f, 40.6f, -2.5f, 3071f, 70000f, -70000f, 12.49f, -12.51f];
        var volume = new CtVolume(voxels, Geometry);
        var stream = new MemoryStream();
        await StoredVolumeFormat.WriteAsync(volume, stream, CancellationToken.None);
        Assert.Equal(StoredVolumeFormat.Length(Geometry), stream.Length);

        StoredVolumeFormat.RoundToStoredValues(volume);
        stream.Position = 0;
        var read = await StoredVolumeFormat.ReadAsync(stream, maxVoxels: 12, CancellationToken.None);

        Assert.Equal([-1024f, -0f, 0f, 2f, 40f, 41f, -2f, 3071f, 32767f, -32768f, 12f, -13f], volume.Voxels);
        Assert.Equal(volume.Voxels, read.Voxels);
        Assert.Equal(Geometry, read.Geometry);
    }

    [Theory]
    [InlineData("truncated", "ends in slice 1")]
    [InlineData("trailing", "bytes after its last slice")]
    [InlineData("not-a-volume", "header is missing")]
    [InlineData("too-large", "above the limit of 11 voxels")]
    public async Task GivenDamagedBytes_WhenRead_ThenTheReasonIsGiven(string damage, string reason)
    {
        var stream = new MemoryStream();
        await StoredVolumeFormat.WriteAsync(new CtVolume(new float[12], Geometry), stream, CancellationToken.None);
        var bytes = stream.ToArray();
        bytes = damage switch
        {
            "truncated" => bytes[..^3],
            "trailing" => [.. bytes, 0],
            "not-a-volume" => [.. "PNG!"u8, .. bytes[4..]],
            _ => bytes,
        };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            StoredVolumeFormat.ReadAsync(new MemoryStream(bytes), damage == "too-large" ? 11 : 12, CancellationToken.None));
        Assert.Contains(reason, error.Message);
    }
}
