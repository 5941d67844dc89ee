using HeadCt.Imaging.Volume;
using HeadCt.Processor.Attention;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Telemetry;

namespace HeadCt.Processor.Inference;

/// <summary>
/// The active model scores the volume; its attention is placed in the viewer's slices and kept (the grid in storage,
/// the renderer for the study's view).
/// </summary>
public sealed class InferenceStage(ModelRegistry models, AttentionStage attention, ProcessorTelemetry telemetry, ILogger<InferenceStage> logger)
{
    public async Task<(PredictionRecord Record, AttentionRenderer? Attention)> RunAsync(
        string studyId, CtVolume volume, StageTimings timings, CancellationToken cancellationToken)
    {
        HeadCt.Inference.Prediction.StudyPrediction prediction;
        using (var stage = timings.Start("inference"))
        {
            prediction = await Task.Run(() => models.Predictor.Predict(volume), cancellationToken);
            stage.Activity?.SetTag("headct.model", prediction.Model.Name);
            stage.Activity?.SetTag("headct.model_version", prediction.Model.Version);
            stage.Activity?.SetTag("headct.probability", prediction.Probability);
        }

        telemetry.InferenceDuration.Record((prediction.Preprocessing + prediction.Inference).TotalSeconds);
        AttentionRecord? attentionRecord = null;
        AttentionRenderer? renderer = null;
        var attentionStarted = TimeProvider.System.GetTimestamp();
        if (prediction.Attention is { } map)
        {
            using var stage = timings.Start("attention");
            (attentionRecord, renderer) = await attention.RunAsync(studyId, volume, map, cancellationToken);
        }

        var attentionMs = TimeProvider.System.GetElapsedTime(attentionStarted).TotalMilliseconds;
        Log.StudyScored(logger, studyId, prediction.Probability, prediction.Model.Name, prediction.Model.Version,
            prediction.Positive ? "positive" : "negative", attentionRecord?.Method ?? "none", attentionRecord is { KeySlices.Count: > 0 } placed ? placed.KeySlices[0] : null);
        var record = new PredictionRecord(
            ModelRecord.From(models.Active),
            prediction.Probability,
            prediction.Logit,
            prediction.DecisionThreshold,
            prediction.Positive,
            attentionRecord,
            new PredictionTimings(Math.Round(prediction.Preprocessing.TotalMilliseconds, 1), Math.Round(prediction.Inference.TotalMilliseconds, 1), Math.Round(attentionMs, 1)));
        return (record, renderer);
    }
}
