using Azure.Storage.Blobs;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Audit;

/// <summary>The audit blob container, created on first use.</summary>
public sealed class AuditContainer(BlobServiceClient blobs, IOptions<AuditOptions> options)
    : LazyBlobContainer(blobs.GetBlobContainerClient(options.Value.Container));
