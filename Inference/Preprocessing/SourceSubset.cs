namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// Which source voxels a resampling to the model grid reads, as index sets per axis (the product of the three). A
/// phantom rendered for a subset is exact wherever the preprocessing looks, at a fraction of the cost.
/// </summary>
public sealed record SourceSubset(bool[] Columns, bool[] Rows, bool[] Slices)
{
    public bool Contains(int x, int y, int z) => Columns[x] && Rows[y] && Slices[z];
}
