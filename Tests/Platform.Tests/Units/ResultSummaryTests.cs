using System.Text;
using HeadCt.StudyIndex.Writing;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The worklist reads result documents defensively: fields missing or reshaped read as null, never as a failure.</summary>
public sealed class ResultSummaryTests
{
    [Fact]
    public void GivenACompletedResultWithApplicability_WhenRead_ThenTheWorklistFieldsAreFilled()
    {
        var json = """
            {"id":"x","status":"completed","completedAt":"2026-12-01T10:00:00+01:00",
             "prediction":{"model":{"name":"m","version":"1"},"probability":0.93,"decisionThreshold":0.5,"positive":true},
             "applicability":{"applicable":false,"oodScore":3.2},
             "metadata":{"review":{"decision":"agree","reviewer":"dr-a"}}}
            """;

        var summary = ResultSummary.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("completed", 0.93, true, "m", ResultSummary.NotApplicable, 3.2, "agree"),
            (summary.Status, summary.Probability, summary.Positive, summary.ModelName, summary.Applicability, summary.OodScore, summary.ReviewDecision));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), summary.CompletedAt);
    }

    [Theory]
    [InlineData("""{"status":"queued"}""")]
    [InlineData("""{"status":"failed","prediction":null,"applicability":"unexpected"}""")]
    [InlineData("""{"status":"completed","prediction":{"probability":"high","model":7},"applicability":[1,2]}""")]
    public void GivenAnIncompleteOrReshapedDocument_WhenRead_ThenMissingFieldsAreNull(string json)
    {
        var summary = ResultSummary.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Null(summary.Probability);
        Assert.Null(summary.ModelName);
        Assert.Null(summary.ReviewDecision);
    }
}
