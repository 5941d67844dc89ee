namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// Fills, slice by slice, what the mask encloses: pixels outside it that no 4-connected path of outside pixels joins
/// to the slice's border, unless they are air. Calcifications and dense clot above the soft band join it; an air-filled
/// sinus that partial volume happens to ring with soft tissue does not.
/// </summary>
internal static class SliceHoleFilling
{
    public static void Fill(Span<byte> mask, ReadOnlySpan<byte> classes, int width, int height, int depth)
    {
        var sliceLength = width * height;
        var reached = new bool[sliceLength];
        var stack = new int[sliceLength];
        for (var z = 0; z < depth; z++)
        {
            var slice = mask.Slice(z * sliceLength, sliceLength);
            var values = classes.Slice(z * sliceLength, sliceLength);
            if (!slice.Contains((byte)1))
                continue;
            Array.Clear(reached);
            var top = 0;
            for (var x = 0; x < width; x++)
            {
                Seed(slice, reached, stack, ref top, x);
                Seed(slice, reached, stack, ref top, (height - 1) * width + x);
            }
            for (var y = 0; y < height; y++)
            {
                Seed(slice, reached, stack, ref top, y * width);
                Seed(slice, reached, stack, ref top, y * width + width - 1);
            }
            while (top > 0)
            {
                var i = stack[--top];
                var (y, x) = Math.DivRem(i, width);
                if (x > 0) Seed(slice, reached, stack, ref top, i - 1);
                if (x < width - 1) Seed(slice, reached, stack, ref top, i + 1);
                if (y > 0) Seed(slice, reached, stack, ref top, i - width);
                if (y < height - 1) Seed(slice, reached, stack, ref top, i + width);
            }
            for (var i = 0; i < sliceLength; i++)
            {
                if (!reached[i] && values[i] != (byte)TissueClass.Air)
                    slice[i] = 1;
            }
        }
    }

    private static void Seed(Span<byte> slice, bool[] reached, int[] stack, ref int top, int i)
    {
        if (slice[i] != 0 || reached[i])
            return;
        reached[i] = true;
        stack[top++] = i;
    }
}
