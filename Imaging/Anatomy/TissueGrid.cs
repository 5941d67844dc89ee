using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// The volume classified into <see cref="TissueClass"/> on a coarser grid of blocks (fx × fx pixels × fz slices), so the
/// walls-and-components work runs on about 1.5 mm voxels whatever the scanner's matrix. A block is bone when any of its
/// voxels is (thin skull-base walls must not vanish), else air when any is, else soft when its mean HU is soft.
/// </summary>
internal sealed class TissueGrid
{
    public const double TargetInPlaneMm = 1.5;
    public const double TargetSliceMm = 2.0;

    private TissueGrid(byte[] classes, int width, int height, int depth, int factorXy, int factorZ, double spacingXy)
    {
        Classes = classes;
        (Width, Height, Depth, FactorXy, FactorZ, SpacingXy) = (width, height, depth, factorXy, factorZ, spacingXy);
    }

    public byte[] Classes { get; }
    public int Width { get; }
    public int Height { get; }
    public int Depth { get; }
    public int FactorXy { get; }
    public int FactorZ { get; }

    /// <summary>The in-plane size of a block in mm (the finer of the two pixel spacings times the factor).</summary>
    public double SpacingXy { get; }

    public static TissueGrid Classify(CtVolume volume)
    {
        var g = volume.Geometry;
        var fxy = Math.Max(1, (int)(TargetInPlaneMm / Math.Min(g.SpacingX, g.SpacingY)));
        var fz = Math.Max(1, (int)(TargetSliceMm / g.SpacingZ));
        var (w, h, d) = ((g.SizeX + fxy - 1) / fxy, (g.SizeY + fxy - 1) / fxy, (g.SizeZ + fz - 1) / fz);
        var classes = new byte[(long)w * h * d];
        var voxels = volume.Voxels;
        var sliceLength = g.SizeX * g.SizeY;
        Parallel.For(0, d, cz =>
        {
            for (var cy = 0; cy < h; cy++)
            {
                for (var cx = 0; cx < w; cx++)
                {
                    var (bone, air, sum, count) = (false, false, 0.0, 0);
                    for (var z = cz * fz; z < Math.Min(g.SizeZ, (cz + 1) * fz); z++)
                    {
                        for (var y = cy * fxy; y < Math.Min(g.SizeY, (cy + 1) * fxy); y++)
                        {
                            var row = z * sliceLength + y * g.SizeX;
                            for (var x = cx * fxy; x < Math.Min(g.SizeX, (cx + 1) * fxy); x++)
                            {
                                var v = voxels[row + x];
                                bone |= v >= AnatomyHu.BoneAtLeast;
                                air |= v < AnatomyHu.AirBelow;
                                sum += v;
                                count++;
                            }
                        }
                    }
                    var mean = (float)(sum / count);
                    classes[((long)cz * h + cy) * w + cx] = (byte)(bone ? TissueClass.Bone : air ? TissueClass.Air
                        : IsSoft(mean) ? TissueClass.Soft : TissueClass.Other);
                }
            }
        });
        return new TissueGrid(classes, w, h, d, fxy, fz, fxy * Math.Min(g.SpacingX, g.SpacingY));
    }

    public static bool IsSoft(float hu) => hu >= AnatomyHu.SoftTissueFrom && hu <= AnatomyHu.SoftTissueTo;
}
