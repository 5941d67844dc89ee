using HeadCt.Imaging;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Prediction;

/// <summary>
/// What a model is run on: the study's HU volume; its intracranial cavity, to which attention is then restricted; and,
/// for a model whose preprocessing stacks the slices as acquired (<see cref="Models.ModelInput.NeedsAcquiredSlices"/>),
/// a way to build that stack (made only when such a model asks for it).
/// </summary>
public sealed record StudyInput(CtVolume Volume)
{
    public IntracranialMask? Cavity { get; init; }

    public Func<ModelInput, VoxelStack>? AcquiredSlices { get; init; }

    /// <summary>A built study: its volume, the cavity given, and its chosen series stacked as a model's input asks.</summary>
    public static StudyInput From(StudyImagingResult imaging, IntracranialMask? cavity) =>
        new(imaging.Volume ?? throw new ArgumentException("The study has no volume.", nameof(imaging)))
        {
            Cavity = cavity,
            AcquiredSlices = input => AcquiredStackBuilder.Build(imaging.Decision.Instances,
                input.SortBy == SliceOrder.Z ? AcquiredOrder.PatientZ : AcquiredOrder.Normal, input.WindowOn == WindowOn.Stored),
        };
}
