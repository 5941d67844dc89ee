using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using HeadCt.Imaging.Volume;

namespace HeadCt.Processor.Attention;

/// <summary>
/// The attention as one self-describing file for the viewer (<c>GET /attention-maps/{id}/volume</c>): a 4-byte
/// little-endian length, that many bytes of UTF-8 JSON with the grid (sizes, spacing, origin, direction in LPS mm,
/// direction as row, column and slice unit vectors) and the colour map's floor, then one byte per voxel (0–255 of
/// the study's peak). One file, so the geometry cannot be read from a different version than the voxels.
/// </summary>
public static class AttentionVolumeFile
{
    public const string MediaType = "application/octet-stream";

    public static byte[] Write(VolumeGeometry geometry, byte[] voxels)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = "headct-attention-volume/1",
            dimensions = new[] { geometry.SizeX, geometry.SizeY, geometry.SizeZ },
            spacing = new[] { geometry.SpacingX, geometry.SpacingY, geometry.SpacingZ },
            origin = Vector(geometry.Origin),
            direction = Vector(geometry.RowDirection).Concat(Vector(geometry.ColumnDirection)).Concat(Vector(geometry.SliceDirection)).ToArray(),
            scale = "fraction of the study's peak attention × 255",
            floor = HeatColourMap.Floor,
        });
        var file = new byte[4 + header.Length + voxels.Length];
        BinaryPrimitives.WriteInt32LittleEndian(file, header.Length);
        header.CopyTo(file, 4);
        voxels.CopyTo(file, 4 + header.Length);
        return file;
    }

    private static double[] Vector(Vector3d v) => [v.X, v.Y, v.Z];
}
