using System.Security.Cryptography;
using System.Text.Json;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Tests;

/// <summary>
/// Two ONNX models written with PyTorch at test time whose logit depends only on one block of the model grid
/// (<see cref="Region"/>): a 3×3×3 convolution with positive weights, ReLU, then the mean over the region only and a
/// linear head. One has a dynamic batch axis, the other a fixed batch of 1. Their manifests name no attention output,
/// so the predictor falls back to occlusion. Nothing is built when PyTorch is missing (the tests are skipped then).
/// </summary>
public sealed class OcclusionRegionModels : IDisposable
{
    public const int Depth = 16, Height = 32, Width = 32;

    /// <summary>Model-grid block z 8..12, y 8..16, x 16..24: one patch of the 4×8×8 patching, off the centre, inside the brain.</summary>
    public static readonly (int Z0, int Z1, int Y0, int Y1, int X0, int X1) Region = (8, 12, 8, 16, 16, 24);

    public static readonly OcclusionSettings Patching = new() { PatchDepth = 4, PatchHeight = 8, PatchWidth = 8, MaxPatches = 64, BatchSize = 8 };

    private const string ExportScript = """
        import sys
        import torch
        import torch.nn as nn
        out = sys.argv[1]
        d, h, w, z0, z1, y0, y1, x0, x1 = map(int, sys.argv[2:])
        torch.manual_seed(0)

        class RegionModel(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv3d(3, 4, 3, padding=1)
                mask = torch.zeros(1, 1, d, h, w)
                mask[..., z0:z1, y0:y1, x0:x1] = 1
                self.register_buffer("mask", mask / mask.sum())
                self.head = nn.Linear(4, 1)
                with torch.no_grad():
                    self.conv.weight.abs_()
                    self.conv.bias.zero_()
                    self.head.weight.fill_(2.0)
                    self.head.bias.fill_(-2.0)

            def forward(self, x):
                return self.head((torch.relu(self.conv(x)) * self.mask).sum((2, 3, 4)))

        model = RegionModel().eval()
        dummy = torch.zeros(1, 3, d, h, w)
        torch.onnx.export(model, dummy, out + "/region-dynamic.onnx", input_names=["volume"], output_names=["logit"],
                          dynamic_axes={"volume": {0: "batch"}, "logit": {0: "batch"}}, opset_version=17)
        torch.onnx.export(model, dummy, out + "/region-single.onnx", input_names=["volume"], output_names=["logit"], opset_version=17)
        """;

    private readonly TempFolder _folder = new();

    public OcclusionRegionModels()
    {
        if (CompatibilityPython.MissingReason is not null)
            return;
        var r = Region;
        CompatibilityPython.RunCode(ExportScript, _folder.Path, $"{Depth}", $"{Height}", $"{Width}",
            $"{r.Z0}", $"{r.Z1}", $"{r.Y0}", $"{r.Y1}", $"{r.X0}", $"{r.X1}");
        DynamicBatch = Load("region-dynamic");
        SingleBatch = Load("region-single");
    }

    public LoadedModel DynamicBatch { get; } = null!;
    public LoadedModel SingleBatch { get; } = null!;

    private LoadedModel Load(string name)
    {
        var onnx = Path.Combine(_folder.Path, name + ".onnx");
        var manifest = new ModelManifest
        {
            Name = name,
            Version = "0.0.1",
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(onnx))),
            OnnxFile = name + ".onnx",
            Input = new ModelInput
            {
                Name = "volume", Height = Height, Width = Width, DepthPolicy = DepthPolicy.FixedCount, Depth = Depth,
                Channels = [new("brain", 0, 80), new("blood", 45, 100), new("bone", 300, 2000)],
                Normalisation = Normalisation.WindowToUnit,
            },
            Output = new ModelOutput { Name = "logit", Kind = OutputKind.Logit, DecisionThreshold = 0.5 },
            Attention = new AttentionSource { Kind = AttentionKind.None, Occlusion = Patching },
            IntendedUse = "Test model whose output depends on one region only.",
        };
        var manifestPath = Path.Combine(_folder.Path, name + ModelLoader.ManifestSuffix);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, ManifestReader.Json));
        return ModelLoader.Load(manifestPath, 2);
    }

    public void Dispose()
    {
        DynamicBatch?.Dispose();
        SingleBatch?.Dispose();
        _folder.Dispose();
    }
}
