using System.Text.Json;
using HeadCt.Services.Common.Results;

namespace HeadCt.Gateway.Features.Results;

/// <summary>
/// The result document as the OpenAPI document describes it. The gateway relays the processor's document unchanged;
/// this type only gives it a schema: the model part (<see cref="ApplicabilityRecord"/>, <see cref="PredictionRecord"/>,
/// shared with the processor) is typed, the series summary, imaging record and metadata are described in README.md.
/// </summary>
public sealed record ResultDocumentSchema(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long Attempts,
    JsonElement Series,
    JsonElement? Imaging,
    ApplicabilityRecord? Applicability,
    PredictionRecord? Prediction,
    IReadOnlyDictionary<string, double>? Timings,
    JsonElement Metadata,
    IReadOnlyList<ReviewHistoryEntrySchema> ReviewHistory,
    string? FailureReason);

/// <summary>One saved change of the comment or the review decision: who (the signed-in principal), when, what.</summary>
public sealed record ReviewHistoryEntrySchema(string? Decision, string? Comment, string? Reviewer, DateTimeOffset SavedAt);
