using HeadCt.Services.Common.Results;

namespace HeadCt.Processor.Shadow;

/// <summary>
/// What a shadow model said about the study: kept for comparison only, never shown as a finding and never routed.
/// <see cref="AttentionGrid"/> is the blob of its attention grid (same format as the primary's), when it gave one.
/// </summary>
public sealed record ShadowRecord(ModelRecord Model, double Probability, double DecisionThreshold, bool Positive, string? AttentionGrid);
