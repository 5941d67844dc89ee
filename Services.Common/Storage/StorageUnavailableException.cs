namespace HeadCt.Services.Common.Storage;

/// <summary>Blob or queue storage did not answer or refused a write after the SDK's own retries.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
