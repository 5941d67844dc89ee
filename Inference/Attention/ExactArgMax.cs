using System.Numerics.Tensors;

namespace HeadCt.Inference.Attention;

/// <summary>
/// The index of the first maximum of a span, exact at any length. <c>TensorPrimitives.IndexOfMax</c> in
/// System.Numerics.Tensors 10.0.0 keeps the running index in the element type, so for floats it is wrong past
/// 2^24 elements (dotnet/runtime#124233), e.g. any 512×512 study of more than 64 slices. Here each block of
/// <see cref="Block"/> elements gets its (vectorised, exact) maximum, and only the block holding the overall maximum is
/// searched, with an int index.
/// </summary>
public static class ExactArgMax
{
    public const int Block = 1 << 16;

    /// <summary>The first index of the largest value; −1 when the span is empty or holds a NaN.</summary>
    public static int Of(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
            return -1;
        var (bestStart, best) = (-1, float.NegativeInfinity);
        for (var start = 0; start < values.Length; start += Block)
        {
            var max = TensorPrimitives.Max(values.Slice(start, Math.Min(Block, values.Length - start)));
            if (float.IsNaN(max))
                return -1;
            if (bestStart < 0 || max > best)
                (bestStart, best) = (start, max);
        }
        var block = values.Slice(bestStart, Math.Min(Block, values.Length - bestStart));
        for (var i = 0; i < block.Length; i++)
        {
            if (block[i] == best)
                return bestStart + i;
        }
        return -1;
    }
}
