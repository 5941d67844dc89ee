namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// For each output sample along one axis, the two source samples and the weight of the second. Output and source
/// cover the same extent with sample centres at (i + ½)·step (PyTorch's <c>align_corners=False</c>), clamped at the edges.
/// </summary>
internal readonly struct LinearAxis
{
    public readonly int[] Lower;
    public readonly int[] Upper;
    public readonly float[] Weight;

    public LinearAxis(int sourceLength, int targetLength)
    {
        Lower = new int[targetLength];
        Upper = new int[targetLength];
        Weight = new float[targetLength];
        var scale = (double)sourceLength / targetLength;
        for (var i = 0; i < targetLength; i++)
        {
            var source = Math.Max((i + 0.5) * scale - 0.5, 0);
            var lower = Math.Min((int)source, sourceLength - 1);
            Lower[i] = lower;
            Upper[i] = Math.Min(lower + 1, sourceLength - 1);
            Weight[i] = (float)(source - lower);
        }
    }

    private LinearAxis(int[] lower, int[] upper, float[] weight) => (Lower, Upper, Weight) = (lower, upper, weight);

    /// <summary>The same samples and weights, with source indices renumbered by their place in <paramref name="kept"/> (ascending).</summary>
    public LinearAxis Within(int[] kept)
    {
        var lower = new int[Lower.Length];
        var upper = new int[Upper.Length];
        for (var i = 0; i < lower.Length; i++)
        {
            lower[i] = Array.BinarySearch(kept, Lower[i]);
            upper[i] = Array.BinarySearch(kept, Upper[i]);
            if (lower[i] < 0 || upper[i] < 0)
                throw new ArgumentException("A source index the resampling reads is not among the kept ones.", nameof(kept));
        }
        return new LinearAxis(lower, upper, Weight);
    }
}
