using HeadCt.Imaging.Volume;
using HeadCt.Processor.Inference;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Processor.Telemetry;
using HeadCt.Services.Common.Results;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.Shadow;

/// <summary>Runs every shadow model on the study's volume and stores its attention grid; returns what they said.</summary>
public sealed class ShadowStage(ModelRegistry models, ResultsContainer container)
{
    public async Task<IReadOnlyList<ShadowRecord>> RunAsync(string studyId, CtVolume volume, CancellationToken cancellationToken)
    {
        var records = new List<ShadowRecord>();
        foreach (var predictor in models.Shadows)
        {
            using var activity = ProcessorTelemetry.ActivitySource.StartActivity("shadow inference");
            activity?.SetTag("headct.model", predictor.Model.Name);
            var prediction = await Task.Run(() => predictor.Predict(volume), cancellationToken);
            string? grid = null;
            if (prediction.Attention is { } attention)
            {
                grid = StudyBlobLayout.ShadowAttentionGrid(studyId, predictor.Model.Name);
                var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(grid);
                await StorageCalls.Run(() => blob.UploadAsync(new BinaryData(AttentionGridFormat.Write(attention.Grid)), overwrite: true, cancellationToken));
            }

            var model = new ModelRecord(predictor.Model.Name, predictor.Model.Version, predictor.Model.Sha256,
                models.ShadowIntendedUse(predictor.Model.Name));
            records.Add(new ShadowRecord(model, prediction.Probability, prediction.DecisionThreshold, prediction.Positive, grid));
        }

        return records;
    }
}
