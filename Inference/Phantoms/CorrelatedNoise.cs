namespace HeadCt.Inference.Phantoms;

/// <summary>
/// CT-like noise: white noise smoothed in-plane by a 3×3 binomial kernel (neighbouring pixels of a filtered
/// back-projection are correlated), scaled back to the requested standard deviation. Each white sample is a hash of
/// (seed, x, y, z), so any voxel can be drawn alone: a sparse rendering gives the same values as a full one.
/// </summary>
internal sealed class CorrelatedNoise(int seed, double sd)
{
    private readonly ulong _base = Hash((ulong)(uint)seed);

    // Σ k² of the normalised kernel [1 2 1; 2 4 2; 1 2 1] / 16 is 36/256: its output's SD is 0.375 × the input's.
    private static readonly double Gain = 1 / 0.375;
    private static readonly int[] Kernel = [1, 2, 1, 2, 4, 2, 1, 2, 1];

    public double At(int x, int y, int z)
    {
        var sum = 0.0;
        var k = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
                sum += Kernel[k++] * White(x + dx, y + dy, z);
        }
        return sum / 16 * Gain * sd;
    }

    /// <summary>Approximately standard normal: the sum of four 16-bit uniforms of one SplitMix64 hash, centred and scaled (Irwin–Hall).</summary>
    private double White(int x, int y, int z)
    {
        var h = Hash(_base ^ (uint)x) + ((ulong)(uint)y << 32 | (uint)z);
        h = Hash(h);
        var sum = (h & 0xFFFF) + (h >> 16 & 0xFFFF) + (h >> 32 & 0xFFFF) + (h >> 48);
        // Four uniforms on [0, 1): mean 2, variance 4/12.
        return (sum / 65536.0 - 2) / Math.Sqrt(4 / 12.0);
    }

    private static ulong Hash(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
