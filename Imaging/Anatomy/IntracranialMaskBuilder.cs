using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// Skull stripping by HU thresholds and connected components, on blocks of about 1.5 mm (<see cref="TissueGrid"/>):
/// soft tissue walled in by bone in its slice (<see cref="BoneEnclosure"/>); an in-plane erosion that cuts the thin
/// soft-tissue bridges through skull-base foramina; the largest 6-connected component of what remains
/// (<see cref="LargestComponent"/>; the brain is by far the largest bone-enclosed soft tissue of a head); grown back one
/// block further than it was eroded, into soft blocks only; then what it encloses slice by slice, unless air
/// (<see cref="SliceHoleFilling"/>). On the volume's own grid the mask is the soft voxels (−20…120 HU) of those blocks
/// and of their neighbours, so it reaches the inner table. Deterministic, so a view rebuilt from storage gets the same mask.
/// </summary>
public static class IntracranialMaskBuilder
{
    /// <summary>Bridges narrower than about twice this are cut (one block at least).</summary>
    public const double BridgeRadiusMm = 1.5;

    public static IntracranialMask Compute(CtVolume volume)
    {
        var g = volume.Geometry;
        var grid = TissueGrid.Classify(volume);
        var (w, h, d) = (grid.Width, grid.Height, grid.Depth);
        var candidates = new byte[grid.Classes.Length];
        BoneEnclosure.Mark(grid.Classes, w, h, d, candidates);
        var radius = Math.Max(1, (int)Math.Round(BridgeRadiusMm / grid.SpacingXy));
        InPlaneMorphology.Erode(candidates, w, h, d, radius);
        var blocks = new byte[candidates.Length];
        LargestComponent.Keep(candidates, w, h, d, blocks);
        // One block further than eroded, into soft blocks walled or not: this also closes the one-block lines a ray
        // through a foramen leaves unwalled, and reaches at most that far out of an opening of the skull.
        InPlaneMorphology.Dilate(blocks, w, h, d, radius + 1);
        for (var i = 0; i < blocks.Length; i++)
        {
            if (grid.Classes[i] != (byte)TissueClass.Soft)
                blocks[i] = 0;
        }
        SliceHoleFilling.Fill(blocks, grid.Classes, w, h, d);
        // Blocks at the inner table hold bone and brain: their soft voxels belong to the cavity too.
        InPlaneMorphology.Dilate(blocks, w, h, d, 1);
        var mask = OnVolumeGrid(blocks, grid, volume);
        return new IntracranialMask(mask, g, FaceContacts.Measure(mask, g));
    }

    /// <summary>The soft voxels of the cavity's blocks.</summary>
    private static byte[] OnVolumeGrid(byte[] blocks, TissueGrid grid, CtVolume volume)
    {
        var g = volume.Geometry;
        var mask = new byte[g.VoxelCount];
        var sliceLength = g.SizeX * g.SizeY;
        var blockOfX = new int[g.SizeX];
        for (var x = 0; x < blockOfX.Length; x++)
            blockOfX[x] = x / grid.FactorXy;
        var voxels = volume.Voxels;
        Parallel.For(0, g.SizeZ, z =>
        {
            var blockSlice = z / grid.FactorZ * grid.Width * grid.Height;
            for (var y = 0; y < g.SizeY; y++)
            {
                var blockRow = blockSlice + y / grid.FactorXy * grid.Width;
                if (!blocks.AsSpan(blockRow, grid.Width).Contains((byte)1))
                    continue;
                var row = z * sliceLength + y * g.SizeX;
                for (var x = 0; x < g.SizeX; x++)
                {
                    var v = voxels[row + x];
                    mask[row + x] = blocks[blockRow + blockOfX[x]] != 0 && v >= AnatomyHu.SoftTissueFrom && v <= AnatomyHu.SoftTissueTo ? (byte)1 : (byte)0;
                }
            }
        });
        return mask;
    }
}
