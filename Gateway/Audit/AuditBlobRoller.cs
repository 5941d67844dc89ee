using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// Appends blocks to this gateway's current append blob and starts a new one before it could be full (block count or
/// size, <see cref="AuditOptions"/>) or when the UTC day changes. Should Azure refuse an append as full anyway (another
/// writer, a limit lowered), the block goes to a fresh blob. Used by the single writer loop only.
/// </summary>
internal sealed class AuditBlobRoller(AuditContainer container, IOptions<AuditOptions> options, TimeProvider time)
{
    private readonly string _writer = Guid.NewGuid().ToString("N")[..8];
    private string? _blob;
    private DateTime _day;
    private int _blocks;
    private long _bytes;
    private int _sequence;

    /// <summary>The blob being appended to, for diagnostics and tests.</summary>
    public string? CurrentBlob => _blob;

    public async Task AppendAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (_blob is null || now.UtcDateTime.Date != _day || _blocks >= settings.MaxBlocksPerBlob || _bytes + block.Length > settings.MaxBlobBytes)
        {
            await RollAsync(now, cancellationToken);
        }

        try
        {
            await AppendToCurrentAsync(block, cancellationToken);
        }
        catch (StorageUnavailableException e) when (e.InnerException is RequestFailedException
                                                    { ErrorCode: "BlockCountExceedsLimit" or "MaxBlobSizeConditionNotMet" })
        {
            await RollAsync(now, cancellationToken);
            await AppendToCurrentAsync(block, cancellationToken);
        }
    }

    private async Task RollAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = AuditBlobLayout.Blob(now, _writer, ++_sequence);
        var client = (await container.GetAsync(cancellationToken)).GetAppendBlobClient(name);
        await StorageCalls.Run(() => client.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        (_blob, _day, _blocks, _bytes) = (name, now.UtcDateTime.Date, 0, 0);
    }

    private async Task AppendToCurrentAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        var client = (await container.GetAsync(cancellationToken)).GetAppendBlobClient(_blob!);
        var info = await StorageCalls.Run(async () =>
        {
            using var content = new MemoryStream(block.ToArray(), writable: false);
            return (await client.AppendBlockAsync(content, cancellationToken: cancellationToken)).Value;
        });
        (_blocks, _bytes) = (info.BlobCommittedBlockCount, _bytes + block.Length);
    }
}
