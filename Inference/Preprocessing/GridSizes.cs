namespace HeadCt.Inference.Preprocessing;

/// <summary>The argument check every resampler makes: both buffers hold exactly their grid.</summary>
internal static class GridSizes
{
    public static void Check(int sourceLength, int sourceX, int sourceY, int sourceZ, int targetLength, int targetX, int targetY, int targetZ)
    {
        if (sourceLength != sourceX * sourceY * sourceZ)
            throw new ArgumentException("Source length does not match its size.", "source");
        if (targetLength != targetX * targetY * targetZ)
            throw new ArgumentException("Target length does not match its size.", "target");
    }
}
