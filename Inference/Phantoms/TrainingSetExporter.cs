using System.Runtime.InteropServices;
using System.Text.Json;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;
using HeadCt.Inference.Tensors;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Writes phantoms as training tensors through <see cref="VolumePreprocessor"/> (the serving code path):
/// inputs.npy [N,C,D,H,W] float32, labels.npy [N] uint8, masks.npy [N,D,H,W] uint8 (lesion mask on the model grid),
/// kinds.json, lesions.json (per sample: kind, subtle, HU, mask voxels on the volume grid; null without a lesion) and
/// input.json (the <see cref="ModelInput"/> used).
/// </summary>
public static class TrainingSetExporter
{
    public static void Export(string folder, int count, int seed, ModelInput input)
    {
        Directory.CreateDirectory(folder);
        var probe = VolumePreprocessor.Run(HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(0, null)).Volume, input);
        // Inputs and masks go to disk a sample at a time: thousands of samples are gigabytes.
        using var inputs = NpyWriter.CreateFloat32(Path.Combine(folder, "inputs.npy"), count, probe.Channels, probe.Depth, probe.Height, probe.Width);
        using var masks = NpyWriter.CreateUInt8(Path.Combine(folder, "masks.npy"), count, probe.Depth, probe.Height, probe.Width);
        var labels = new byte[count];
        var kinds = new string[count];
        var lesions = new ExportedLesion?[count];
        var lesionKinds = Enum.GetValues<LesionKind>();
        for (var i = 0; i < count; i++)
        {
            // Deterministic across processes (HashCode is not). The label must not come from a Random seeded anything
            // like the phantom's: .NET's seeded Random is linear in its seed, so its first draws (head size) would
            // carry the label. A SplitMix64 hash gives the phantom's seed and, from other bits, the label.
            var mixed = SplitMix64((ulong)seed << 32 | (uint)i);
            var sampleSeed = (int)(mixed & int.MaxValue);
            LesionKind? kind = (mixed >> 40 & 1) == 1 ? lesionKinds[(int)(mixed >> 48) % lesionKinds.Length] : null;
            var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(sampleSeed, kind));
            var tensor = VolumePreprocessor.Run(phantom.Volume, input);
            inputs.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
            labels[i] = phantom.HasLesion ? (byte)1 : (byte)0;
            kinds[i] = phantom.HasLesion ? kind!.Value.ToString() : "None";
            if (phantom.Spec.Lesion is { } lesion)
                lesions[i] = new ExportedLesion(lesion.Kind.ToString(), lesion.Subtle, Math.Round(lesion.Hu, 1), phantom.LesionVoxelCount);
            masks.Write(MaskOnGrid(phantom, tensor));
        }
        NpyWriter.Write(Path.Combine(folder, "labels.npy"), labels, count);
        File.WriteAllText(Path.Combine(folder, "kinds.json"), JsonSerializer.Serialize(kinds));
        File.WriteAllText(Path.Combine(folder, "lesions.json"), JsonSerializer.Serialize(lesions, ManifestReader.Json));
        File.WriteAllText(Path.Combine(folder, "input.json"), JsonSerializer.Serialize(input, ManifestReader.Json));
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>The lesion mask resampled like the volume; voxels at least a third lesion count, so thin lesions survive.</summary>
    private static byte[] MaskOnGrid(HeadPhantom phantom, ModelTensor tensor)
    {
        var g = phantom.Volume.Geometry;
        var source = new float[phantom.LesionMask.Length];
        for (var i = 0; i < source.Length; i++)
            source[i] = phantom.LesionMask[i];
        var grid = new float[tensor.ChannelLength];
        TrilinearResampler.Resample(source, g.SizeX, g.SizeY, g.SizeZ, grid, tensor.Width, tensor.Height, tensor.Depth);
        var mask = new byte[grid.Length];
        for (var i = 0; i < grid.Length; i++)
            mask[i] = grid[i] >= 1 / 3f ? (byte)1 : (byte)0;
        return mask;
    }
}

/// <summary>One sample's lesion as written to lesions.json.</summary>
internal sealed record ExportedLesion(string Kind, bool Subtle, double Hu, int MaskVoxels);
