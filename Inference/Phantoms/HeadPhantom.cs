using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>A generated head: the HU volume, its ground-truth lesion mask (1 = lesion, same [z][y][x] grid) and the spec.</summary>
public sealed record HeadPhantom(CtVolume Volume, byte[] LesionMask, HeadPhantomSpec Spec)
{
    public bool HasLesion => LesionVoxelCount > 0;

    public int LesionVoxelCount { get; } = CountOnes(LesionMask);

    private static int CountOnes(byte[] mask)
    {
        var count = 0;
        foreach (var m in mask)
            count += m;
        return count;
    }
}
