using HeadCt.Inference.Models;

namespace HeadCt.Inference.Attention;

/// <summary>
/// The patches occlusion blanks out: the model grid cut into Nz × Ny × Nx near-equal blocks (block i of an axis of
/// length L spans [⌊i·L/N⌋, ⌊(i+1)·L/N⌋)), so block centres sit where a grid of N cells over the same extent has its
/// sample centres and the block scores upsample to the volume like a CAM. N starts at ⌈L / patch⌉ per axis and the
/// axis with the most blocks gives one up until at most <see cref="OcclusionSettings.MaxPatches"/> remain.
/// </summary>
public readonly record struct OcclusionGrid(int Depth, int Height, int Width, int CountZ, int CountY, int CountX)
{
    public int Count => CountZ * CountY * CountX;

    public static OcclusionGrid For(int depth, int height, int width, OcclusionSettings settings)
    {
        var (z, y, x) = (Blocks(depth, settings.PatchDepth), Blocks(height, settings.PatchHeight), Blocks(width, settings.PatchWidth));
        while ((long)z * y * x > settings.MaxPatches && z * y * x > 1)
        {
            if (z >= y && z >= x)
                z--;
            else if (y >= x)
                y--;
            else
                x--;
        }
        return new OcclusionGrid(depth, height, width, z, y, x);
    }

    /// <summary>Start (inclusive) and end (exclusive) along each axis of patch <paramref name="index"/> (x fastest).</summary>
    public (int Z0, int Z1, int Y0, int Y1, int X0, int X1) Bounds(int index)
    {
        var (zy, ix) = Math.DivRem(index, CountX);
        var (iz, iy) = Math.DivRem(zy, CountY);
        return (Start(iz, Depth, CountZ), Start(iz + 1, Depth, CountZ), Start(iy, Height, CountY), Start(iy + 1, Height, CountY),
            Start(ix, Width, CountX), Start(ix + 1, Width, CountX));
    }

    private static int Blocks(int length, int patch) => Math.Clamp((length + patch - 1) / patch, 1, length);

    private static int Start(int block, int length, int count) => (int)((long)block * length / count);
}
