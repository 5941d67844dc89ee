using HeadCt.Processor.Attention;
using HeadCt.Processor.Results;
using HeadCt.Services.Common.Results;

namespace HeadCt.Platform.Tests.Units;

/// <summary>
/// When <c>GET /attention-maps/{id}</c> answers 404 <c>attention-not-available</c> instead of a map (issue 15 §1, §4):
/// an attention map that is zero everywhere (no peak) is no map, and a study the model does not apply to has none.
/// </summary>
public sealed class AttentionAvailabilityTests
{
    private static readonly ModelRecord Model = new("hemorrhage-phantom-cnn", "0.4.0", "00", "DEMONSTRATOR ONLY.");
    private static readonly PredictionTimings Timings = new(1, 2, 3);
    private static readonly PeakRecord Peak = new(3, 10, 20, [1, 2, 3], 0.7f);

    [Fact]
    public void GivenAnAttentionMapWithAPeak_WhenAsked_ThenItIsServed()
    {
        var attention = new AttentionRecord("cam", Peak, [3, 4], "/attention-maps/x");

        var (served, whyNot) = AttentionAvailability.Of(Completed(attention, applicable: true));

        Assert.Same(attention, served);
        Assert.Null(whyNot);
    }

    [Fact]
    public void GivenAnAttentionMapThatIsZeroEverywhere_WhenAsked_ThenThereIsNoneAndTheReasonSaysSo()
    {
        var (served, whyNot) = AttentionAvailability.Of(Completed(new AttentionRecord("cam", null, [], "/attention-maps/x"), applicable: true));

        Assert.Null(served);
        Assert.Contains("zero everywhere", whyNot);
    }

    [Fact]
    public void GivenAStudyTheModelDoesNotApplyTo_WhenAsked_ThenThereIsNoneAndTheReasonsAreGiven()
    {
        var (served, whyNot) = AttentionAvailability.Of(Completed(null, applicable: false));

        Assert.Null(served);
        Assert.Contains("does not apply", whyNot);
        Assert.Contains("The field of view cuts the head", whyNot);
    }

    private static ResultDocument Completed(AttentionRecord? attention, bool applicable) => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        Status = ResultStatus.Completed,
        Applicability = new ApplicabilityRecord(applicable, Model.Name, applicable ? null : "The field of view cuts the head.",
            [new ApplicabilityCheckRecord("head", applicable, "intracranial cavity 700 mL", "900–2100 mL", applicable ? null : "The field of view cuts the head.")]),
        Prediction = new PredictionRecord(Model, applicable ? 0.2 : null, applicable ? -1.4 : null, 0.5, applicable ? false : null, attention, Timings),
    };
}
