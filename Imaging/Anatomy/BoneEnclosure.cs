namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// Marks the soft-tissue voxels of each slice that are walled in by bone: walking from the voxel in the eight in-plane
/// directions (along rows, columns and both diagonals), the first thing met that is bone or air must be bone in at least
/// <see cref="WalledDirectionsNeeded"/> of them (leaving the image counts as bone, so a head cut by the field of view
/// still shows where it is cut). Brain inside the skull passes even where one direction escapes through a foramen or a
/// thin partial-volume wall into a sinus; scalp, muscle, orbits and nasal mucosa see air in three or more directions
/// and fail. Eight linear passes per slice, slices in parallel, no allocation per voxel.
/// </summary>
internal static class BoneEnclosure
{
    public const int WalledDirectionsNeeded = 7;

    private const byte Walled = 1;
    private const byte Open = 0;

    private static readonly (int Dx, int Dy)[] Directions = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)];

    /// <summary>Writes 1 into <paramref name="candidates"/> where a voxel is soft tissue enclosed by bone, else 0.</summary>
    public static void Mark(byte[] classes, int width, int height, int depth, byte[] candidates)
    {
        var sliceLength = width * height;
        Parallel.For(0, depth, () => (Walled: new byte[sliceLength], Barrier: new byte[sliceLength]), (z, _, buffers) =>
        {
            var slice = classes.AsSpan(z * sliceLength, sliceLength);
            Array.Clear(buffers.Walled);
            foreach (var (dx, dy) in Directions)
                Walk(slice, width, height, dx, dy, buffers.Barrier, buffers.Walled);
            var marks = candidates.AsSpan(z * sliceLength, sliceLength);
            for (var i = 0; i < sliceLength; i++)
                marks[i] = buffers.Walled[i] >= WalledDirectionsNeeded && slice[i] == (byte)TissueClass.Soft ? (byte)1 : (byte)0;
            return buffers;
        }, _ => { });
    }

    /// <summary>
    /// One direction (dx, dy): pixels are visited so that the neighbour a walk would come from, (x − dx, y − dy), is
    /// always visited first; <paramref name="barrier"/> carries the last bone-or-air met along the walk.
    /// </summary>
    private static void Walk(ReadOnlySpan<byte> slice, int width, int height, int dx, int dy, byte[] barrier, byte[] walled)
    {
        var (y0, y1, ys) = dy >= 0 ? (0, height, 1) : (height - 1, -1, -1);
        var (x0, x1, xs) = dx >= 0 ? (0, width, 1) : (width - 1, -1, -1);
        for (var y = y0; y != y1; y += ys)
        {
            var py = y - dy;
            for (var x = x0; x != x1; x += xs)
            {
                var px = x - dx;
                var behind = px < 0 || px >= width || py < 0 || py >= height ? Walled : barrier[py * width + px];
                var i = y * width + x;
                if (behind == Walled)
                    walled[i]++;
                barrier[i] = slice[i] switch
                {
                    (byte)TissueClass.Bone => Walled,
                    (byte)TissueClass.Air => Open,
                    _ => behind,
                };
            }
        }
    }
}
