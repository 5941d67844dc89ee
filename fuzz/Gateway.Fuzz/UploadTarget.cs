using System.Diagnostics.Metrics;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Ingest.Deidentification;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Storage.Sweeping;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Imaging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Fuzz;

public enum UploadFuzzOutcome
{
    Accepted,
    NoDicom,
    TooLarge,
    MalformedBody,
}

/// <summary>
/// One execution: a multipart/form-data body (boundary <see cref="Boundary"/>) through the gateway's real upload path
/// (<see cref="UploadService"/>: multipart reader, zip reader, header inspection, pixel budget, ingest and commit) over
/// in-memory storage, with small limits so bombs are cheap. The answers the API maps to 202/400/413 are expected;
/// anything else escaping is a crash, and so is a refused upload that left anything in storage.
/// </summary>
public static class UploadTarget
{
    public const string Boundary = "fuzz-boundary";

    private static readonly IOptions<IngestLimitsOptions> Limits = Options.Create(new IngestLimitsOptions
    {
        MaxFileSizeBytes = 4 << 20,
        MaxFileCount = 64,
        MaxZipEntries = 64,
        MaxDecompressedBytes = 16 << 20,
        MaxCompressionRatio = 100,
        HeaderWindowBytes = 64 << 10,
    });

    private static readonly GatewayTelemetry Telemetry =
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public static UploadFuzzOutcome Run(ReadOnlyMemory<byte> body) => RunAsync(body).GetAwaiter().GetResult();

    private static async Task<UploadFuzzOutcome> RunAsync(ReadOnlyMemory<byte> body)
    {
        var store = new ScratchStore();
        var ingest = new InstanceIngest(store, Limits, Options.Create(new PixelBudgetOptions()),
            Options.Create(new DeidentificationOptions()), Options.Create(new SweeperOptions()), TimeProvider.System);
        var commit = new StudyCommit(store, store, new AcceptingQueue(), Telemetry, TimeProvider.System, NullLogger<StudyCommit>.Instance);
        var uploads = new UploadService(ingest, commit, store, Telemetry, NullLogger<UploadService>.Instance);
        var reader = new MultipartReader(Boundary, new MemoryStream(body.ToArray(), writable: false)) { BodyLengthLimit = null };
        UploadOutcome outcome;
        try
        {
            outcome = await uploads.UploadAsync(reader, keyHash: null, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // UploadApi answers these with 400 "Malformed multipart body".
            return Clean(store, UploadFuzzOutcome.MalformedBody);
        }

        return outcome switch
        {
            UploadOutcome.Accepted accepted => Stored(store, accepted),
            UploadOutcome.NoDicom => Clean(store, UploadFuzzOutcome.NoDicom),
            UploadOutcome.TooLarge => Clean(store, UploadFuzzOutcome.TooLarge),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome} with in-memory storage."),
        };
    }

    private static UploadFuzzOutcome Clean(ScratchStore store, UploadFuzzOutcome outcome) =>
        store.IsEmpty ? outcome : throw new HalfStoredException($"{outcome}: {store.Instances.Count} instances, {store.Markers.Count} markers left behind");

    private static UploadFuzzOutcome Stored(ScratchStore store, UploadOutcome.Accepted accepted)
    {
        var record = store.Studies.Values.SingleOrDefault() ?? throw new HalfStoredException("Accepted without a study record");
        if (record.Instances.Count != accepted.Response.Accepted.Count || store.Instances.Count != record.Instances.Count || !store.Markers.IsEmpty)
        {
            throw new HalfStoredException(
                $"Accepted {accepted.Response.Accepted.Count}, record lists {record.Instances.Count}, {store.Instances.Count} blobs, {store.Markers.Count} markers");
        }

        return UploadFuzzOutcome.Accepted;
    }

    private sealed class AcceptingQueue : IProcessorQueue
    {
        public Task QueueAsync(string studyId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The upload broke the all-or-nothing rule: a finding, like a crash.</summary>
public sealed class HalfStoredException(string message) : Exception(message);
