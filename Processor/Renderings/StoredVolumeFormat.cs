using System.Buffers;
using System.Buffers.Binary;
using HeadCt.Imaging.Volume;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// A study's HU volume as stored beside its result, so any replica can draw its images without reading the DICOM
/// again: "HCVL", format version, sizes x, y, z (int32), spacing x, y, z, origin, row, column and slice directions
/// (float64), all little endian, then every voxel as int16 HU, [z][y][x]. Voxels are rounded to whole HU (half
/// to even) when stored; the job rounds its own volume the same way (<see cref="RoundToStoredValues"/>), so the view a
/// job keeps and the view another replica loads draw the same bytes. Written and read a slice at a time: neither
/// side holds more than the float volume and one slice.
/// </summary>
public static class StoredVolumeFormat
{
    public const string ContentType = "application/vnd.headct.volume";
    private const int Version = 1;
    private const int HeaderLength = 4 + 4 + 3 * 4 + 15 * 8;
    private static ReadOnlySpan<byte> Magic => "HCVL"u8;

    public static long Length(VolumeGeometry geometry) => HeaderLength + geometry.VoxelCount * sizeof(short);

    /// <summary>Rounds the volume's voxels in place to the values it is stored with.</summary>
    public static void RoundToStoredValues(CtVolume volume)
    {
        var voxels = volume.Voxels;
        for (var i = 0; i < voxels.Length; i++)
        {
            voxels[i] = ToStored(voxels[i]);
        }
    }

    public static async Task WriteAsync(CtVolume volume, Stream destination, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        WriteHeader(volume.Geometry, header);
        await destination.WriteAsync(header, cancellationToken);
        var sliceLength = volume.SliceLength;
        var buffer = ArrayPool<byte>.Shared.Rent(sliceLength * sizeof(short));
        try
        {
            for (var z = 0; z < volume.Geometry.SizeZ; z++)
            {
                EncodeSlice(volume.Slice(z), buffer.AsSpan(0, sliceLength * sizeof(short)));
                await destination.WriteAsync(buffer.AsMemory(0, sliceLength * sizeof(short)), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The volume, or an <see cref="InvalidDataException"/> saying what is wrong with the bytes.</summary>
    /// <param name="maxVoxels">Refuses a header announcing more voxels than this before allocating them.</param>
    public static async Task<CtVolume> ReadAsync(Stream source, long maxVoxels, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        if (await source.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken) < HeaderLength)
        {
            throw new InvalidDataException("Not a stored volume: shorter than its header.");
        }

        var geometry = ReadHeader(header, maxVoxels);
        var voxels = new float[geometry.VoxelCount];
        var sliceLength = geometry.SizeX * geometry.SizeY;
        var buffer = ArrayPool<byte>.Shared.Rent(sliceLength * sizeof(short));
        try
        {
            for (var z = 0; z < geometry.SizeZ; z++)
            {
                var slice = buffer.AsMemory(0, sliceLength * sizeof(short));
                if (await source.ReadAtLeastAsync(slice, slice.Length, throwOnEndOfStream: false, cancellationToken) < slice.Length)
                {
                    throw new InvalidDataException($"The stored volume ends in slice {z} of {geometry.SizeZ}.");
                }

                DecodeSlice(slice.Span, voxels.AsSpan(z * sliceLength, sliceLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (await source.ReadAsync(new byte[1], cancellationToken) != 0)
        {
            throw new InvalidDataException("The stored volume has bytes after its last slice.");
        }

        return new CtVolume(voxels, geometry);
    }

    private static float ToStored(float hu) => (float)Math.Clamp(MathF.Round(hu, MidpointRounding.ToEven), short.MinValue, short.MaxValue);

    private static void EncodeSlice(ReadOnlySpan<float> voxels, Span<byte> bytes)
    {
        for (var i = 0; i < voxels.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * sizeof(short))..], (short)ToStored(voxels[i]));
        }
    }

    private static void DecodeSlice(ReadOnlySpan<byte> bytes, Span<float> voxels)
    {
        for (var i = 0; i < voxels.Length; i++)
        {
            voxels[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * sizeof(short))..]);
        }
    }

    private static void WriteHeader(VolumeGeometry geometry, Span<byte> header)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], geometry.SizeX);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], geometry.SizeY);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], geometry.SizeZ);
        double[] numbers =
        [
            geometry.SpacingX, geometry.SpacingY, geometry.SpacingZ,
            .. Components(geometry.Origin), .. Components(geometry.RowDirection),
            .. Components(geometry.ColumnDirection), .. Components(geometry.SliceDirection),
        ];
        for (var i = 0; i < numbers.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(header[(20 + i * 8)..], numbers[i]);
        }
    }

    private static VolumeGeometry ReadHeader(ReadOnlySpan<byte> header, long maxVoxels)
    {
        if (!header[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a stored volume: the HCVL header is missing.");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"Stored volume format {version} is not supported (only {Version}).");
        }

        var (x, y, z) = (BinaryPrimitives.ReadInt32LittleEndian(header[8..]), BinaryPrimitives.ReadInt32LittleEndian(header[12..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[16..]));
        if (x <= 0 || y <= 0 || z <= 0 || (long)x * y * z > maxVoxels)
        {
            throw new InvalidDataException($"The stored volume's size {x}×{y}×{z} is empty or above the limit of {maxVoxels} voxels.");
        }

        var n = new double[15];
        for (var i = 0; i < n.Length; i++)
        {
            n[i] = BinaryPrimitives.ReadDoubleLittleEndian(header[(20 + i * 8)..]);
        }

        return new VolumeGeometry(x, y, z, n[0], n[1], n[2],
            Vector3d.From(n, 3), Vector3d.From(n, 6), Vector3d.From(n, 9), Vector3d.From(n, 12));
    }

    private static double[] Components(Vector3d vector) => [vector.X, vector.Y, vector.Z];
}
