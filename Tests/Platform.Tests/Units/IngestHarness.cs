using System.Diagnostics.Metrics;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Ingest.Deidentification;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Storage.Sweeping;
using HeadCt.Gateway.Telemetry;
using HeadCt.Platform.Tests.Support;
using HeadCt.Services.Common.Imaging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The gateway's ingest seam and upload service over <see cref="MemoryStudyStore"/>, with a processor that accepts every study.</summary>
internal static class IngestHarness
{
    public static UploadService Uploads(MemoryStudyStore store, IngestLimitsOptions limits, PixelBudgetOptions? pixels = null) =>
        new(Ingest(store, limits, pixels), Commit(store), store, Telemetry(), NullLogger<UploadService>.Instance);

    public static InstanceIngest Ingest(MemoryStudyStore store, IngestLimitsOptions limits, PixelBudgetOptions? pixels = null, bool deidentify = false) =>
        new(store, Options.Create(limits), Options.Create(pixels ?? new PixelBudgetOptions()),
            Options.Create(new DeidentificationOptions { Deidentify = deidentify }), Options.Create(new SweeperOptions()), TimeProvider.System);

    public static StudyCommit Commit(MemoryStudyStore store) =>
        new(store, store, new AcceptingQueue(), Telemetry(), TimeProvider.System, NullLogger<StudyCommit>.Instance);

    public static MultipartReader Reader(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var form = Support.Uploads.Of(files);
        var body = new MemoryStream();
        form.CopyTo(body, null, default);
        body.Position = 0;
        var boundary = form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        return new MultipartReader(boundary, body) { BodyLengthLimit = null };
    }

    private static GatewayTelemetry Telemetry() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public static StudyCommit Commit(MemoryStudyStore store, IProcessorQueue queue) =>
        new(store, store, queue, Telemetry(), TimeProvider.System, NullLogger<StudyCommit>.Instance);

    /// <summary>Accepts every study and keeps what DIMSE commits asked for (study, origin, reprocess).</summary>
    public sealed class AcceptingQueue : IProcessorQueue
    {
        public List<(string StudyId, DimseOrigin Origin, bool Reprocess)> DimseCommits { get; } = [];

        public Task QueueAsync(string studyId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> QueueAsync(string studyId, string source, DimseOrigin origin, bool reprocess, CancellationToken cancellationToken)
        {
            DimseCommits.Add((studyId, origin, reprocess));
            return Task.FromResult(true);
        }
    }
}
