using Azure.Storage.Blobs;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Worker;

/// <summary>The blob container of the claims on studies being processed, created on first use.</summary>
public sealed class StudyClaimsContainer(BlobServiceClient blobs, IOptions<StorageOptions> options)
    : LazyBlobContainer(blobs.GetBlobContainerClient(options.Value.ClaimsContainer));
