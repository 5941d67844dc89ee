using System.Text.Json;
using Azure.Storage.Queues;
using Azure;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Queue;

/// <summary>The job queue on Azure Storage queues (created on first use).</summary>
public sealed class StorageJobQueue(QueueServiceClient queues, IOptions<StorageOptions> options) : IJobQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(options.Value.JobQueue);
    private int _created;

    public async Task EnqueueAsync(string studyId, CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(cancellationToken);
        var body = JsonSerializer.Serialize(new JobMessage(studyId), ProcessorJson.Options);
        await StorageCalls.Run(() => queue.SendMessageAsync(body, cancellationToken));
    }

    public async Task<LeasedJob?> TakeAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(cancellationToken);
        var response = await StorageCalls.Run(() => queue.ReceiveMessageAsync(lease, cancellationToken));
        if (response.Value is not { } message)
        {
            return null;
        }

        var body = message.Body.ToString();
        return new LeasedJob(message.MessageId, message.PopReceipt, message.DequeueCount, ParseStudyId(body), body);
    }

    public async Task ExtendLeaseAsync(LeasedJob job, TimeSpan lease, CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(cancellationToken);
        var receipt = await StorageCalls.Run(() => queue.UpdateMessageAsync(job.MessageId, job.PopReceipt, visibilityTimeout: lease, cancellationToken: cancellationToken));
        job.PopReceipt = receipt.Value.PopReceipt;
    }

    public async Task ReleaseAsync(LeasedJob job, TimeSpan delay, CancellationToken cancellationToken)
    {
        await ExtendLeaseAsync(job, delay, cancellationToken);
    }

    public async Task CompleteAsync(LeasedJob job, CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(cancellationToken);
        await StorageCalls.Run(async () =>
        {
            try
            {
                await queue.DeleteMessageAsync(job.MessageId, job.PopReceipt, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already gone: another worker finished it after our lease lapsed.
            }
        });
    }

    public async Task<long> GetApproximateDepthAsync(CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(cancellationToken);
        var properties = await StorageCalls.Run(() => queue.GetPropertiesAsync(cancellationToken));
        return properties.Value.ApproximateMessagesCountLong;
    }

    private static string? ParseStudyId(string body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<JobMessage>(body, ProcessorJson.Options);
            return message is not null && StudyId.IsValid(message.Id) ? message.Id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<QueueClient> QueueAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await StorageCalls.Run(() => _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            Volatile.Write(ref _created, 1);
        }

        return _queue;
    }
}
