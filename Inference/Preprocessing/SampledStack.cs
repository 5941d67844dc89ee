namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// Part of a Width × Height × Depth grid: the values at the listed source columns, rows and slices only
/// ([slice][row][column] of those lists), which is all a resampling to the model grid reads (<see cref="SourceSubset"/>).
/// Training renders phantoms this way; <see cref="VolumePreprocessor.Run(SampledStack, Models.ModelInput)"/> gives
/// bit for bit what the full grid would give.
/// </summary>
public sealed record SampledStack(float[] Values, int[] Columns, int[] Rows, int[] Slices, int Width, int Height, int Depth, double SliceSpacingMm)
{
    public static (int[] Columns, int[] Rows, int[] Slices) Lists(SourceSubset subset) =>
        (Indices(subset.Columns), Indices(subset.Rows), Indices(subset.Slices));

    private static int[] Indices(bool[] used)
    {
        var list = new List<int>();
        for (var i = 0; i < used.Length; i++)
        {
            if (used[i])
                list.Add(i);
        }
        return [.. list];
    }
}
