using HeadCt.Imaging;
using HeadCt.Imaging.Anatomy;
using HeadCt.Inference.Applicability;
using HeadCt.Inference.Models;
using HeadCt.Inference.Prediction;
using HeadCt.Processor.Attention;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Telemetry;
using HeadCt.Services.Common.Results;

namespace HeadCt.Processor.Inference;

/// <summary>
/// Whether the active model applies to the study, and what it says: the intracranial cavity is found and the
/// manifest's applicability checks are made ("stage applicability"); the model scores the volume, which also gives the
/// out-of-distribution score ("stage inference"). When every check passes, the probability and decision are the
/// finding, and the attention (kept inside the cavity) is placed in the viewer's slices and kept ("stage attention");
/// otherwise no finding is presented and the raw output is kept as withheld.
/// </summary>
public sealed class InferenceStage(ModelRegistry models, AttentionStage attention, ProcessorTelemetry telemetry, ILogger<InferenceStage> logger)
{
    public async Task<InferenceOutcome> RunAsync(string studyId, StudyImagingResult imaging, StageTimings timings, CancellationToken cancellationToken)
    {
        var volume = imaging.Volume ?? throw new InvalidOperationException("Inference needs a built volume.");
        var manifest = models.Active.Manifest;
        IntracranialMask cavity;
        IReadOnlyList<ApplicabilityCheck> checks;
        using (var stage = timings.Start("applicability"))
        {
            cavity = await Task.Run(() => IntracranialMaskBuilder.Compute(volume), cancellationToken);
            checks = ApplicabilityChecker.Check(manifest.Applicability, StudyFacts.From(imaging.Decision.Instances, volume, cavity));
            stage.Activity?.SetTag("headct.cavity_ml", Math.Round(cavity.VolumeMl));
        }

        StudyPrediction prediction;
        using (var stage = timings.Start("inference"))
        {
            var input = StudyInput.From(imaging, cavity);
            prediction = await Task.Run(() => models.Predictor.Predict(input), cancellationToken);
            stage.Activity?.SetTag("headct.model", prediction.Model.Name);
            stage.Activity?.SetTag("headct.model_version", prediction.Model.Version);
            stage.Activity?.SetTag("headct.probability", prediction.Probability);
        }

        telemetry.InferenceDuration.Record((prediction.Preprocessing + prediction.Inference).TotalSeconds);
        var report = new ApplicabilityReport([.. checks, OutOfDistributionCheck.From(manifest.OutOfDistribution, prediction.OutOfDistributionScore)]);
        var applicability = new ApplicabilityRecord(report.Applicable, manifest.Name, report.Summary,
            [.. report.Checks.Select(check => new ApplicabilityCheckRecord(check.Name, check.Passed, check.Value, check.Expected, check.Reason))]);

        AttentionRecord? attentionRecord = null;
        AttentionRenderer? renderer = null;
        var attentionStarted = TimeProvider.System.GetTimestamp();
        if (report.Applicable && prediction.Attention is { } map)
        {
            using var stage = timings.Start("attention");
            (attentionRecord, renderer) = await attention.RunAsync(studyId, volume, map, cancellationToken);
        }

        var attentionMs = TimeProvider.System.GetElapsedTime(attentionStarted).TotalMilliseconds;
        var timingsRecord = new PredictionTimings(Math.Round(prediction.Preprocessing.TotalMilliseconds, 1),
            Math.Round(prediction.Inference.TotalMilliseconds, 1), Math.Round(attentionMs, 1));
        var model = new ModelRecord(prediction.Model.Name, prediction.Model.Version, prediction.Model.Sha256, manifest.IntendedUse);
        var outOfDistribution = OutOfDistribution(manifest.OutOfDistribution, prediction.OutOfDistributionScore);
        PredictionRecord record;
        if (report.Applicable)
        {
            Log.StudyScored(logger, studyId, prediction.Probability, prediction.Model.Name, prediction.Model.Version,
                prediction.Positive ? "positive" : "negative", attentionRecord?.Method ?? "none", attentionRecord is { KeySlices.Count: > 0 } placed ? placed.KeySlices[0] : null);
            record = new PredictionRecord(model, prediction.Probability, prediction.Logit, prediction.DecisionThreshold, prediction.Positive,
                attentionRecord, timingsRecord) { OutOfDistribution = outOfDistribution };
        }
        else
        {
            var failed = report.Checks.Where(check => !check.Passed).Select(check => check.Name).ToList();
            foreach (var name in failed)
                telemetry.StudiesNotApplicable.Add(1, new KeyValuePair<string, object?>("check", name));
            Log.StudyNotApplicable(logger, studyId, prediction.Model.Name, prediction.Model.Version, string.Join(", ", failed));
            record = new PredictionRecord(model, null, null, prediction.DecisionThreshold, null, null, timingsRecord)
            {
                OutOfDistribution = outOfDistribution,
                WithheldOutput = new WithheldOutputRecord(prediction.Probability, prediction.Logit, prediction.Positive,
                    "Not a finding: the model does not apply to this study (see applicability). Kept for research and audit only."),
            };
        }

        return new InferenceOutcome(record, applicability, renderer);
    }

    private static OutOfDistributionRecord OutOfDistribution(OutOfDistributionSpec spec, double? score) => spec.Method == OodMethod.None || score is null
        ? new OutOfDistributionRecord("none", null, null, null, spec.Reason ?? "No training statistics are known for this model.")
        : new OutOfDistributionRecord("mahalanobis-pooled-features", Math.Round(score.Value, 3), spec.Threshold, spec.Percentile, null);
}

/// <summary>What the inference stage adds to a study: the model part of its result, the applicability, and the attention to draw from.</summary>
public sealed record InferenceOutcome(PredictionRecord Prediction, ApplicabilityRecord Applicability, AttentionRenderer? Attention);
