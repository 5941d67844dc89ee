using HeadCt.Processor.Results;
using HeadCt.Services.Common.Results;

namespace HeadCt.Processor.Attention;

/// <summary>
/// Whether a completed study has attention to serve, or why not (the <c>attention-not-available</c> 404): the model
/// does not apply to the study; no prediction; no map; or a map that is zero everywhere inside the intracranial cavity
/// (no peak, no key slices: nothing argued for a finding).
/// </summary>
public static class AttentionAvailability
{
    public static (AttentionRecord? Attention, string? WhyNot) Of(ResultDocument document)
    {
        if (document.Applicability is { Applicable: false } applicability)
            return (null, $"the model does not apply to this study, so it presents no finding and no attention: {applicability.Summary}");
        return document.Prediction switch
        {
            null => (null, "it was completed without a model prediction."),
            { Attention: null } => (null, "the model gave no attention map."),
            { Attention.Peak: null } => (null, "the attention map is zero everywhere inside the intracranial cavity: nothing there argued for a finding."),
            { Attention: { } attention } => (attention, null),
        };
    }
}
