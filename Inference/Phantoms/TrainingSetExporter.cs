using System.Runtime.InteropServices;
using System.Text.Json;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;
using HeadCt.Inference.Tensors;

namespace HeadCt.Inference.Phantoms;

/// <summary>Which phantoms a training-set export holds.</summary>
public enum SampleMix
{
    /// <summary>About half with one lesion (kind drawn uniformly), the rest normal, each with its own mimics by chance.</summary>
    Mixed,

    /// <summary>No lesion, every mimic present and strong: how often the mimics alone make the model call blood.</summary>
    MimicsOnly,
}

/// <summary>
/// Writes phantoms as training tensors through <see cref="VolumePreprocessor"/> (the serving code path), each head
/// scanned as <see cref="HeadPhantomSpec.RandomScan"/> draws it and rendered only where the preprocessing reads
/// (<see cref="SourceSubset"/>): inputs.npy [N,C,D,H,W] float32, labels.npy [N] uint8, masks.npy [N,D,H,W] uint8 (lesion
/// mask on the model grid), kinds.json, lesions.json (kind, subtle, cisternal, HU, mask voxels among the rendered voxels; null
/// without a lesion), scans.json (matrix, pixel and slice size, slices, mimics present) and input.json.
/// </summary>
public static class TrainingSetExporter
{
    public static void Export(string folder, int count, int seed, ModelInput input, SampleMix mix = SampleMix.Mixed)
    {
        Directory.CreateDirectory(folder);
        var depth = VolumePreprocessor.TargetDepth(1, 1, input);
        // Inputs and masks go to disk a sample at a time: thousands of samples are gigabytes.
        using var inputs = NpyWriter.CreateFloat32(Path.Combine(folder, "inputs.npy"), count, input.Channels.Count, depth, input.Height, input.Width);
        using var masks = NpyWriter.CreateUInt8(Path.Combine(folder, "masks.npy"), count, depth, input.Height, input.Width);
        var labels = new byte[count];
        var kinds = new string[count];
        var lesions = new ExportedLesion?[count];
        var scans = new ExportedScan[count];
        var lesionKinds = Enum.GetValues<LesionKind>();
        for (var i = 0; i < count; i++)
        {
            // Deterministic across processes (HashCode is not). The label must not come from a Random seeded anything
            // like the phantom's: .NET's seeded Random is linear in its seed, so its first draws (head size) would
            // carry the label. A SplitMix64 hash gives the phantom's seed and, from other bits, the label.
            var mixed = SplitMix64((ulong)seed << 32 | (uint)i);
            var sampleSeed = (int)(mixed & int.MaxValue);
            LesionKind? kind = mix == SampleMix.Mixed && (mixed >> 40 & 1) == 1 ? lesionKinds[(int)(mixed >> 48) % lesionKinds.Length] : null;
            var spec = HeadPhantomSpec.RandomScan(sampleSeed, kind);
            if (mix == SampleMix.MimicsOnly)
                spec = StrongMimics(spec, sampleSeed);
            var subset = VolumePreprocessor.SourceIndices(spec.SizeX, spec.SizeY, spec.SizeZ, spec.SliceSpacingMm, input);
            var (hu, lesionMask, lesionVoxels) = HeadPhantomGenerator.GenerateSampled(spec, subset);
            var tensor = VolumePreprocessor.Run(hu, input);
            inputs.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
            var maskOnGrid = MaskOnGrid(hu, lesionMask, tensor, input);
            // A lesion counts when the model grid holds a third of a voxel of it somewhere; smaller ones are invisible to it.
            var hasLesion = maskOnGrid.AsSpan().Contains((byte)1);
            labels[i] = hasLesion ? (byte)1 : (byte)0;
            kinds[i] = hasLesion ? kind!.Value.ToString() : "None";
            if (hasLesion && spec.Lesion is { } lesion)
                lesions[i] = new ExportedLesion(lesion.Kind.ToString(), lesion.Subtle, lesion.Cisternal, Math.Round(lesion.Hu, 1), lesionVoxels);
            scans[i] = new ExportedScan(spec.SizeX, Math.Round(spec.PixelSpacingMm, 3), Math.Round(spec.SliceSpacingMm, 3), spec.SizeZ, Mimics(spec));
            masks.Write(maskOnGrid);
        }
        NpyWriter.Write(Path.Combine(folder, "labels.npy"), labels, count);
        File.WriteAllText(Path.Combine(folder, "kinds.json"), JsonSerializer.Serialize(kinds));
        File.WriteAllText(Path.Combine(folder, "lesions.json"), JsonSerializer.Serialize(lesions, ManifestReader.Json));
        File.WriteAllText(Path.Combine(folder, "scans.json"), JsonSerializer.Serialize(scans, ManifestReader.Json));
        File.WriteAllText(Path.Combine(folder, "input.json"), JsonSerializer.Serialize(input, ManifestReader.Json));
    }

    /// <summary>No lesion; every calcification present, dense venous sinuses, strong beam hardening.</summary>
    private static HeadPhantomSpec StrongMimics(HeadPhantomSpec spec, int seed)
    {
        var rng = new Random(unchecked(seed * 7 + 3));
        double Between(double low, double high) => HeadPhantomSpec.Between(rng, low, high);
        var anatomy = spec.Anatomy with
        {
            PinealRadiusMm = Between(2.5, 4.5), PinealHu = Between(120, 400),
            ChoroidRadiusMm = Between(3, 5), ChoroidHu = Between(90, 300),
            FalxPlaqueLengthMm = Between(8, 16), FalxPlaqueHu = Between(150, 600),
            BasalGangliaRadiusMm = Between(2, 4), BasalGangliaHu = Between(80, 200),
            VenousSinusHu = Between(55, 65), DuraHu = Between(52, 60),
        };
        var artefacts = spec.Artefacts with
        {
            StreakHu = Between(40, 70), HounsfieldBarHu = Between(-40, -20), RimBrighteningHu = Between(6, 10),
            StreakAngles = [rng.NextDouble() * Math.PI, rng.NextDouble() * Math.PI, rng.NextDouble() * Math.PI],
        };
        return spec with { Lesion = null, Anatomy = anatomy, Artefacts = artefacts };
    }

    private static string[] Mimics(HeadPhantomSpec spec)
    {
        var (a, list) = (spec.Anatomy, new List<string>());
        if (a.PinealRadiusMm > 0) list.Add("pineal");
        if (a.ChoroidRadiusMm > 0) list.Add("choroid");
        if (a.FalxPlaqueLengthMm > 0) list.Add("falx");
        if (a.BasalGangliaRadiusMm > 0) list.Add("basal-ganglia");
        if (spec.Artefacts.StreakHu >= 30) list.Add("streaks");
        if (a.VenousSinusHu >= 55) list.Add("dense-sinuses");
        return [.. list];
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>The lesion mask resampled like the volume; voxels at least a third lesion count, so thin lesions survive.</summary>
    private static byte[] MaskOnGrid(SampledStack layout, float[] lesionMask, ModelTensor tensor, ModelInput input)
    {
        var grid = new float[tensor.ChannelLength];
        VolumePreprocessor.Resample(lesionMask, layout, grid, input, tensor.Depth);
        var mask = new byte[grid.Length];
        for (var i = 0; i < grid.Length; i++)
            mask[i] = grid[i] >= 1 / 3f ? (byte)1 : (byte)0;
        return mask;
    }
}

/// <summary>One sample's lesion as written to lesions.json.</summary>
internal sealed record ExportedLesion(string Kind, bool Subtle, bool Cisternal, double Hu, int MaskVoxels);

/// <summary>One sample's scan as written to scans.json.</summary>
internal sealed record ExportedScan(int Matrix, double PixelMm, double SliceMm, int Slices, string[] Mimics);
