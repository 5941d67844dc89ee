using System.Text.Json.Nodes;
using HeadCt.Inference.Models;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Processor.Inference;
using HeadCt.Services.Common.Results;
using HeadCt.Processor.Results;
using HeadCt.Processor.Shadow;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// Two models, one primary and one shadow: the registry runs the shadow beside the primary (never as the active
/// model); the shadow report sets their outputs side by side with the reviewer's decision and counts agreement.
/// </summary>
public sealed class ShadowModelTests(ResultObjectFixture fixture) : IClassFixture<ResultObjectFixture>, IDisposable
{
    private const string Primary = "hemorrhage-phantom-cnn", ShadowName = "hemorrhage-phantom-cnn-shadow";
    private readonly string _folder = Directory.CreateTempSubdirectory("headct-shadow-").FullName;

    [Fact]
    public void GivenAPrimaryAndAShadowModel_WhenLoaded_ThenTheShadowScoresTheStudyBesideThePrimary()
    {
        WriteTwoModels();
        using var registry = new ModelRegistry(Options.Create(new InferenceOptions { ModelsFolder = _folder, IntraOpThreads = 1 }),
            Options.Create(new ModelSelectionOptions { Model = Primary, ShadowModels = [ShadowName] }), NullLogger<ModelRegistry>.Instance);

        Assert.Equal(Primary, registry.Active.Identity.Name);
        var shadow = Assert.Single(registry.Shadows);
        Assert.Equal(ShadowName, shadow.Model.Name);
        var primaryScore = registry.Predictor.Predict(fixture.Volume);
        var shadowScore = shadow.Predict(fixture.Volume);
        Assert.Equal(primaryScore.Probability, shadowScore.Probability, 6); // the same network under another name
    }

    [Fact]
    public void GivenTheActiveModelNamedAsItsOwnShadow_WhenLoaded_ThenItIsRefused()
    {
        WriteTwoModels();
        var refusal = Assert.Throws<ModelLoadException>(() => new ModelRegistry(
            Options.Create(new InferenceOptions { ModelsFolder = _folder, IntraOpThreads = 1 }),
            Options.Create(new ModelSelectionOptions { Model = Primary, ShadowModels = [Primary] }), NullLogger<ModelRegistry>.Instance));
        Assert.Contains("cannot also be a shadow", refusal.Message);
    }

    [Fact]
    public void GivenStudiesWithReviews_WhenTheReportIsBuilt_ThenItSetsOutputsSideBySideWithAgreementFigures()
    {
        ResultDocument[] documents =
        [
            Completed("a", 0.9, 0.8, "agree"),      // both positive, reviewer agrees: both right
            Completed("b", 0.9, 0.2, "disagree"),   // primary positive, reviewer says no: shadow right
            Completed("c", 0.1, 0.2, null),         // both negative, unreviewed
            Completed("d", 0.1, 0.2, null) with { Shadow = [] }, // no shadow output: not in the report
        ];

        var report = ShadowReport.Build(ShadowName, documents);

        Assert.Equal(3, report.Studies);
        Assert.Equal(new AgreementFigures(2, 0.6667), report.WithPrimary);
        Assert.Equal(new ReviewFigures(2, 0.5, 1.0), report.WithReviewer);
        var b = report.Rows.Single(row => row.Id == "b");
        Assert.Equal((true, false, "disagree", (bool?)false), (b.Primary.Positive, b.Shadow.Positive, b.Review, b.Reference));
    }

    private static ResultDocument Completed(string id, double primary, double shadow, string? review) => new()
    {
        Id = id,
        Status = ResultStatus.Completed,
        CompletedAt = ResultObjectFixture.Completed,
        Prediction = new PredictionRecord(new ModelRecord(Primary, "0.3.0", "p", "demo"), primary, 0, 0.5, primary >= 0.5, null, new PredictionTimings(0, 0, 0)),
        Shadow = [new ShadowRecord(new ModelRecord(ShadowName, "0.3.0", "s", "demo"), shadow, 0.5, shadow >= 0.5, null)],
        Metadata = new ResultMetadata(null, review is null ? null : new Review(review, "dr", ResultObjectFixture.Completed), new Dictionary<string, string>()),
    };

    private void WriteTwoModels()
    {
        var models = Path.Combine(RepositoryPaths.Root, "models");
        var manifestPath = Directory.GetFiles(models, "*.manifest.json").Single();
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        File.Copy(Path.Combine(models, manifest["onnxFile"]!.GetValue<string>()), Path.Combine(_folder, manifest["onnxFile"]!.GetValue<string>()));
        File.Copy(manifestPath, Path.Combine(_folder, Path.GetFileName(manifestPath)));
        manifest["name"] = ShadowName;
        File.WriteAllText(Path.Combine(_folder, ShadowName + ".manifest.json"), manifest.ToJsonString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
