using System.Diagnostics;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace HeadCt.Inference.Attention;

/// <summary>
/// Model-agnostic attention: each patch of <see cref="OcclusionGrid"/> is blanked out in a copy of the preprocessed
/// input (filled per channel with <see cref="ModelTensor.OutsideWindowLevels"/>, i.e. as if no voxel there lay in any
/// window), the copies run through the model in batches, and a patch's attention is max(0, p_original − p_occluded).
/// The patch scores, one per block of the model grid, are upsampled trilinearly to the volume like a CAM.
/// </summary>
public static class OcclusionSensitivity
{
    public static AttentionMap Compute(LoadedModel model, ModelTensor tensor, double probability, VolumeGeometry geometry, OcclusionSettings settings,
        IntracranialMask? cavity = null)
    {
        var watch = Stopwatch.StartNew();
        var grid = OcclusionGrid.For(tensor.Depth, tensor.Height, tensor.Width, settings);
        var (batch, fixedBatch) = BatchSize(model, settings);
        var sampleLength = tensor.Data.Length;
        var buffer = new float[batch * sampleLength];
        for (var b = 0; b < batch; b++)
            tensor.Data.CopyTo(buffer, b * sampleLength);
        var drops = new float[grid.Count];
        var runs = 0;
        using var runOptions = new RunOptions();
        for (var first = 0; first < grid.Count; first += batch)
        {
            var count = Math.Min(batch, grid.Count - first);
            for (var b = 0; b < count; b++)
                Fill(buffer.AsSpan(b * sampleLength, sampleLength), tensor, grid.Bounds(first + b), tensor.OutsideWindowLevels);
            var samples = fixedBatch ? batch : count;
            using (var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, samples * sampleLength),
                       [samples, tensor.Channels, tensor.Depth, tensor.Height, tensor.Width]))
            using (var outputs = model.Session.Run(runOptions, [model.Manifest.Input.Name], [input], [model.Manifest.Output.Name]))
            {
                var scores = outputs[0].GetTensorDataAsSpan<float>();
                var perSample = scores.Length / samples;
                for (var b = 0; b < count; b++)
                    drops[first + b] = (float)Math.Max(0, probability - Probability(scores[b * perSample], model.Manifest.Output.Kind));
            }
            runs++;
            for (var b = 0; b < count; b++)
                Restore(buffer.AsSpan(b * sampleLength, sampleLength), tensor, grid.Bounds(first + b));
        }
        var map = ClassActivationMap.ToVolume(drops, grid.CountZ, grid.CountY, grid.CountX, geometry, cavity);
        var report = new OcclusionReport(grid.CountZ, grid.CountY, grid.CountX,
            Ceiling(tensor.Depth, grid.CountZ), Ceiling(tensor.Height, grid.CountY), Ceiling(tensor.Width, grid.CountX), batch, runs, watch.Elapsed);
        return map with { Method = AttentionMethod.Occlusion, Occlusion = report };
    }

    /// <summary>A dynamic batch axis takes the configured batch; a fixed one (usually 1) is filled exactly, spare slots unoccluded.</summary>
    private static (int Size, bool Fixed) BatchSize(LoadedModel model, OcclusionSettings settings)
    {
        var declared = model.Session.InputMetadata[model.Manifest.Input.Name].Dimensions[0];
        return declared > 0 ? (declared, true) : (settings.BatchSize, false);
    }

    private static double Probability(double score, OutputKind kind) => kind == OutputKind.Logit ? 1 / (1 + Math.Exp(-score)) : score;

    /// <summary>Blanks the patch in one sample, channel by channel, row by row.</summary>
    private static void Fill(Span<float> sample, ModelTensor tensor, (int Z0, int Z1, int Y0, int Y1, int X0, int X1) box, float[] levels)
    {
        var length = box.X1 - box.X0;
        for (var c = 0; c < tensor.Channels; c++)
        {
            for (var z = box.Z0; z < box.Z1; z++)
            {
                for (var y = box.Y0; y < box.Y1; y++)
                    sample.Slice(RowStart(tensor, c, z, y, box.X0), length).Fill(levels[c]);
            }
        }
    }

    /// <summary>Puts the original values back into a blanked patch, so the sample slot is ready for the next patch.</summary>
    private static void Restore(Span<float> sample, ModelTensor tensor, (int Z0, int Z1, int Y0, int Y1, int X0, int X1) box)
    {
        var length = box.X1 - box.X0;
        for (var c = 0; c < tensor.Channels; c++)
        {
            for (var z = box.Z0; z < box.Z1; z++)
            {
                for (var y = box.Y0; y < box.Y1; y++)
                {
                    var start = RowStart(tensor, c, z, y, box.X0);
                    tensor.Data.AsSpan(start, length).CopyTo(sample.Slice(start, length));
                }
            }
        }
    }

    private static int RowStart(ModelTensor tensor, int c, int z, int y, int x) => ((c * tensor.Depth + z) * tensor.Height + y) * tensor.Width + x;

    private static int Ceiling(int length, int count) => (length + count - 1) / count;
}
