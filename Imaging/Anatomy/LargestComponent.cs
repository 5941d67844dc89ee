using System.Buffers;

namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// Keeps the largest 6-connected component of a binary volume. Each component is flooded once with an explicit stack
/// (pooled, grown on demand) to measure it; the largest is flooded again into the output. Memory: the input reused as
/// visit marks, the output, and one stack as deep as the largest component.
/// </summary>
internal static class LargestComponent
{
    private const byte Candidate = 1;
    private const byte Visited = 2;

    /// <summary>Returns the size of the kept component; <paramref name="marks"/> is consumed (used as visit marks).</summary>
    public static long Keep(Span<byte> marks, int width, int height, int depth, Span<byte> output)
    {
        output.Clear();
        var stack = ArrayPool<int>.Shared.Rent(4096);
        try
        {
            var (bestSeed, bestSize) = (-1, 0L);
            for (var i = 0; i < marks.Length; i++)
            {
                if (marks[i] != Candidate)
                    continue;
                var size = Flood(marks, width, height, depth, i, Candidate, Visited, ref stack, default);
                if (size > bestSize)
                    (bestSeed, bestSize) = (i, size);
            }
            if (bestSeed >= 0)
                Flood(marks, width, height, depth, bestSeed, Visited, Candidate, ref stack, output);
            return bestSize;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    /// <summary>Relabels the component of <paramref name="seed"/> from <paramref name="from"/> to <paramref name="to"/>, writing 1 into <paramref name="output"/> when given.</summary>
    private static long Flood(Span<byte> marks, int width, int height, int depth, int seed, byte from, byte to, ref int[] stack, Span<byte> output)
    {
        var sliceLength = width * height;
        var top = 0;
        var size = 0L;
        marks[seed] = to;
        stack[top++] = seed;
        var write = !output.IsEmpty;
        while (top > 0)
        {
            var i = stack[--top];
            size++;
            if (write)
                output[i] = 1;
            var (z, inSlice) = Math.DivRem(i, sliceLength);
            var (y, x) = Math.DivRem(inSlice, width);
            if (top + 6 > stack.Length)
                Grow(ref stack);
            if (x > 0 && marks[i - 1] == from) { marks[i - 1] = to; stack[top++] = i - 1; }
            if (x < width - 1 && marks[i + 1] == from) { marks[i + 1] = to; stack[top++] = i + 1; }
            if (y > 0 && marks[i - width] == from) { marks[i - width] = to; stack[top++] = i - width; }
            if (y < height - 1 && marks[i + width] == from) { marks[i + width] = to; stack[top++] = i + width; }
            if (z > 0 && marks[i - sliceLength] == from) { marks[i - sliceLength] = to; stack[top++] = i - sliceLength; }
            if (z < depth - 1 && marks[i + sliceLength] == from) { marks[i + sliceLength] = to; stack[top++] = i + sliceLength; }
        }
        return size;
    }

    private static void Grow(ref int[] stack)
    {
        var larger = ArrayPool<int>.Shared.Rent(stack.Length * 2);
        stack.AsSpan().CopyTo(larger);
        ArrayPool<int>.Shared.Return(stack);
        stack = larger;
    }
}
