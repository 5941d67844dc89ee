using HeadCt.Inference.Models;

namespace HeadCt.Inference.Phantoms;

/// <summary>The input contract of the phantom-trained demonstrator; the tensor export writes it for training to copy into the manifest.</summary>
public static class DemonstratorInput
{
    public static ModelInput Default { get; } = new()
    {
        Name = "volume",
        Height = 64,
        Width = 64,
        DepthPolicy = DepthPolicy.FixedCount,
        Depth = 32,
        Channels =
        [
            new ChannelWindow("brain", 0, 80),
            new ChannelWindow("blood", 45, 100),
            new ChannelWindow("bone", 300, 2000),
        ],
        Normalisation = Normalisation.WindowToUnit,
    };
}
