using HeadCt.Imaging.Volume;
using HeadCt.Processor.Attention;

namespace HeadCt.Processor.Renderings;

/// <summary>What every image of a completed study is drawn from: its HU volume and, when the model gave one, its attention.</summary>
public sealed class StudyView(CtVolume volume, AttentionRenderer? attention)
{
    public CtVolume Volume { get; } = volume;

    public AttentionRenderer? Attention { get; } = attention;

    public long Bytes => (long)Volume.Voxels.Length * sizeof(float) + (Attention?.Bytes ?? 0);
}
