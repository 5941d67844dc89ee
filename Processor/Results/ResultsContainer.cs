using Azure.Storage.Blobs;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Results;

/// <summary>The results blob container, created on first use.</summary>
public sealed class ResultsContainer(BlobServiceClient blobs, IOptions<StorageOptions> options)
    : LazyBlobContainer(blobs.GetBlobContainerClient(options.Value.ResultsContainer));
