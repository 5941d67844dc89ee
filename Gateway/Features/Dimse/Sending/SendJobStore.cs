using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Features.Dimse.Sending;

/// <summary>Send jobs as JSON blobs (<c>dimse-sends/{id}.json</c> in the DICOM container), the durable part of the send queue.</summary>
public sealed class SendJobStore(DicomContainer container)
{
    private const string Prefix = "dimse-sends/";

    public async Task SaveAsync(SendJob job, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var json = BinaryData.FromObjectAsJson(job, GatewayJson.Options);
        await StorageCalls.Run(() => blobs.GetBlobClient(Prefix + job.Id + ".json").UploadAsync(json, overwrite: true, cancellationToken));
    }

    public async Task<SendJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        return await StorageCalls.Run(async () =>
        {
            try
            {
                var content = await blobs.GetBlobClient(Prefix + id + ".json").DownloadContentAsync(cancellationToken);
                return JsonSerializer.Deserialize<SendJob>(content.Value.Content.ToMemory().Span, GatewayJson.Options);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                return null;
            }
        });
    }

    /// <summary>Every job not yet completed or failed (read at start-up to resume them).</summary>
    public async Task<IReadOnlyList<SendJob>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var names = new List<string>();
        await StorageCalls.Run(async () =>
        {
            await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
                names.Add(item.Name);
        });
        var jobs = new List<SendJob>();
        foreach (var name in names)
        {
            if (await GetAsync(name[Prefix.Length..^".json".Length], cancellationToken) is { IsFinished: false } job)
                jobs.Add(job);
        }

        return jobs;
    }

    /// <summary>The instance blobs of a study, in number order (what a send of the whole study sends).</summary>
    public async Task<IReadOnlyList<string>> InstancesOfAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var names = new List<string>();
        await StorageCalls.Run(async () =>
        {
            await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.InstancesPrefix(studyId) }, cancellationToken))
                names.Add(item.Name);
        });
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
