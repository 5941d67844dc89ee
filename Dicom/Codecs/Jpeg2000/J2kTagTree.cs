namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>A tag tree over a precinct's code-blocks, decoded lazily one threshold at a time (T.800 B.10.2).</summary>
internal sealed class J2kTagTree
{
    private const int Unknown = int.MaxValue;
    private readonly int[] values;
    private readonly int[] lows;
    private readonly int[] parents;
    private readonly int[] path = new int[32];

    public J2kTagTree(int width, int height)
    {
        var count = 0;
        int w = width, h = height;
        var levelSizes = new List<(int W, int H)>();
        while (true)
        {
            levelSizes.Add((w, h));
            count += w * h;
            if (w == 1 && h == 1)
                break;
            w = (w + 1) >> 1;
            h = (h + 1) >> 1;
        }
        values = new int[count];
        lows = new int[count];
        parents = new int[count];
        Array.Fill(values, Unknown);
        var start = 0;
        for (var level = 0; level < levelSizes.Count; level++)
        {
            var (lw, lh) = levelSizes[level];
            var next = start + lw * lh;
            for (var y = 0; y < lh; y++)
                for (var x = 0; x < lw; x++)
                    parents[start + y * lw + x] = level + 1 < levelSizes.Count ? next + (y >> 1) * levelSizes[level + 1].W + (x >> 1) : -1;
            start = next;
        }
    }

    /// <summary>Decodes until the leaf's value is known or known to be at least <paramref name="threshold"/>; returns the value or <see cref="int.MaxValue"/>.</summary>
    public int Decode(ref J2kPacketHeaderReader bits, int leaf, int threshold)
    {
        var depth = 0;
        for (var node = leaf; node >= 0; node = parents[node])
            path[depth++] = node;
        var low = 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            var node = path[i];
            if (low > lows[node])
                lows[node] = low;
            else
                low = lows[node];
            while (low < threshold && low < values[node])
            {
                if (bits.ReadBit() != 0)
                    values[node] = low;
                else
                    low++;
            }
            lows[node] = low;
        }
        return values[leaf];
    }
}
