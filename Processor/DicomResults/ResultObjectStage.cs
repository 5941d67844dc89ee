using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Imaging.Selection;
using HeadCt.Processor.Inference;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Telemetry;
using HeadCt.Services.Common.Results;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// Turns a study's outcome into its DICOM objects and stores them: for a completed, evaluated study the SR, key images
/// and attention SEG; for a study the model did not evaluate (not applicable, or failed after its series was chosen)
/// the SR saying why. Returns what the result document lists. Same study and model, same UIDs: a redo overwrites.
/// </summary>
public sealed class ResultObjectStage(IResultObjectStore store, ModelRegistry models, ILogger<ResultObjectStage> logger)
{
    public async Task<IReadOnlyList<DicomObjectRecord>> WriteAsync(
        string studyId, PipelineOutput output, DateTimeOffset at, string? failureReason, CancellationToken cancellationToken)
    {
        if (output.Source is not { } source)
            return [];
        using var activity = ProcessorTelemetry.ActivitySource.StartActivity("dicom objects");
        activity?.SetTag("headct.study_id", studyId);
        var request = Request(studyId, source, output, at, failureReason);
        var objects = await Task.Run(() => ResultObjectWriter.Write(request, request.Evaluated ? output.View?.Attention : null), cancellationToken);
        foreach (var item in objects)
            await store.SaveAsync(studyId, item, cancellationToken);
        activity?.SetTag("headct.dicom_objects", objects.Count);
        Log.DicomObjectsWritten(logger, studyId, objects.Count, string.Join(",", objects.Select(item => item.Modality).Distinct()));
        return [.. objects.Select(item => DicomObjectRecord.From(studyId, item))];
    }

    private ResultObjectRequest Request(string studyId, SourceStudy source, PipelineOutput output, DateTimeOffset at, string? failureReason)
    {
        var manifest = models.Active.Manifest;
        var prediction = output.Prediction;
        var identity = prediction?.Model ?? new ModelRecord(models.Active.Identity.Name, models.Active.Identity.Version,
            models.Active.Identity.Sha256, manifest.IntendedUse);
        var model = new ModelIdentity(identity.Name, identity.Version, identity.Sha256, identity.IntendedUse,
            [$"attention={prediction?.Attention?.Method ?? "none"}", $"segmentation-level={SegmentationWriter.Level:0.##} of peak"]);
        var finding = failureReason is not null || prediction is null
            ? new StudyFinding(null, manifest.Output.DecisionThreshold, null, failureReason ?? "the model gave no output.")
            : output.Applicability is { Applicable: false } || prediction.Probability is null
                ? new StudyFinding(null, prediction.DecisionThreshold, null,
                    "the model does not apply to this study: " + (output.Applicability?.Summary ?? "its applicability checks failed."))
                : new StudyFinding(prediction.Probability, prediction.DecisionThreshold, prediction.Positive, null);
        return new ResultObjectRequest(studyId, source, model, finding, at)
        {
            Volume = output.View?.Volume,
            PeakPatientMm = prediction?.Attention?.Peak?.PatientMm,
            KeySlices = prediction?.Attention?.KeySlices ?? [],
        };
    }

    /// <summary>The analysed series as the objects reference it: its first instance's header and every instance's place.</summary>
    public static SourceStudy? SourceOf(IReadOnlyList<InstanceFile> analysed)
    {
        if (analysed.Count == 0)
            return null;
        var first = DicomReader.ReadFile(analysed[0].Path, new DicomReadOptions { StopBeforePixelData = true });
        return SourceStudy.From(first.Dataset, [.. analysed
            .Where(instance => instance.Header is { SopClassUid: not null, SopInstanceUid: not null })
            .Select(instance => new SourceInstance(instance.Header.SopClassUid!, instance.Header.SopInstanceUid!, instance.Header.ImagePositionPatient))]);
    }
}
