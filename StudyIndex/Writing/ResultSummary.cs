using System.Text.Json;

namespace HeadCt.StudyIndex.Writing;

/// <summary>
/// What the worklist keeps of a result document. Read field by field from the JSON: the document is the processor's
/// and grows (an applicability block and an OOD score are being added), so a missing or reshaped field reads as null
/// instead of failing the index.
/// </summary>
public sealed record ResultSummary(
    string Status,
    string? FailureReason,
    DateTimeOffset? CompletedAt,
    double? Probability,
    bool? Positive,
    double? DecisionThreshold,
    string? ModelName,
    string? ModelVersion,
    string? Applicability,
    double? OodScore,
    string? ReviewDecision)
{
    public const string Applicable = "applicable";
    public const string NotApplicable = "not-applicable";

    public static ResultSummary Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var prediction = Child(root, "prediction");
        var model = Child(prediction, "model");
        var applicability = Property(root, "applicability") ?? Property(prediction, "applicability");
        return new ResultSummary(
            String(root, "status") ?? "unknown",
            String(root, "failureReason"),
            Property(root, "completedAt") is { ValueKind: JsonValueKind.String } completed && completed.TryGetDateTimeOffset(out var at) ? at : null,
            Number(prediction, "probability"),
            Property(prediction, "positive") is { ValueKind: JsonValueKind.True or JsonValueKind.False } positive ? positive.GetBoolean() : null,
            Number(prediction, "decisionThreshold"),
            String(model, "name"),
            String(model, "version"),
            ApplicabilityOf(applicability),
            Number(Child(root, "applicability"), "oodScore") ?? Number(prediction, "oodScore") ?? Number(root, "oodScore"),
            String(Child(Child(root, "metadata"), "review"), "decision"));
    }

    /// <summary>"applicable" / "not-applicable" from a boolean <c>applicable</c>, else a status word the block carries.</summary>
    private static string? ApplicabilityOf(JsonElement? block) => block switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } value when Property(value, "applicable") is { ValueKind: JsonValueKind.True } => Applicable,
        { ValueKind: JsonValueKind.Object } value when Property(value, "applicable") is { ValueKind: JsonValueKind.False } => NotApplicable,
        { ValueKind: JsonValueKind.Object } value => String(value, "status") ?? String(value, "decision"),
        _ => null,
    };

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property) ? property : null;

    private static JsonElement? Child(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Object } child ? child : null;

    private static string? String(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static double? Number(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;
}
