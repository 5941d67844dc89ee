using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Anatomy;

/// <summary>The cavity's area on each face of the volume box and its largest cross-section parallel to that face.</summary>
internal static class FaceContacts
{
    public static IReadOnlyList<VolumeFace> Measure(byte[] mask, VolumeGeometry g)
    {
        // Cavity voxels per plane along each axis: index 0 = planes of constant x, 1 = y, 2 = z.
        var counts = new[] { new long[g.SizeX], new long[g.SizeY], new long[g.SizeZ] };
        var i = 0;
        for (var z = 0; z < g.SizeZ; z++)
        {
            for (var y = 0; y < g.SizeY; y++)
            {
                for (var x = 0; x < g.SizeX; x++, i++)
                {
                    if (mask[i] == 0)
                        continue;
                    counts[0][x]++;
                    counts[1][y]++;
                    counts[2][z]++;
                }
            }
        }
        var directions = new[] { g.RowDirection, g.ColumnDirection, g.SliceDirection };
        var faceArea = new[] { g.SpacingY * g.SpacingZ, g.SpacingX * g.SpacingZ, g.SpacingX * g.SpacingY };
        var faces = new List<VolumeFace>(6);
        for (var axis = 0; axis < 3; axis++)
        {
            var perPlane = counts[axis];
            var largest = perPlane.Max();
            foreach (var (plane, outward) in new[] { (0, -1.0), (perPlane.Length - 1, 1.0) })
            {
                var fraction = largest > 0 ? (double)perPlane[plane] / largest : 0;
                faces.Add(new VolumeFace(SideOf(directions[axis] * outward), perPlane[plane] * faceArea[axis], fraction));
            }
        }
        return faces;
    }

    /// <summary>The patient direction (LPS: +x left, +y posterior, +z superior) nearest to an outward face normal.</summary>
    private static string SideOf(Vector3d outward)
    {
        var (ax, ay, az) = (Math.Abs(outward.X), Math.Abs(outward.Y), Math.Abs(outward.Z));
        if (az >= ax && az >= ay)
            return outward.Z > 0 ? "superior" : "inferior";
        if (ax >= ay)
            return outward.X > 0 ? "left" : "right";
        return outward.Y > 0 ? "posterior" : "anterior";
    }
}
