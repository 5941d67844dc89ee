using Azure.Storage.Blobs;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Storage;

/// <summary>The DICOM blob container, created on first use.</summary>
public sealed class DicomContainer(BlobServiceClient blobs, IOptions<StudyStorageOptions> options)
    : LazyBlobContainer(blobs.GetBlobContainerClient(options.Value.DicomContainer));
