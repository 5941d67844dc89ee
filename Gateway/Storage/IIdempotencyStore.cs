using HeadCt.Gateway.Features.Upload;

namespace HeadCt.Gateway.Storage;

public interface IIdempotencyStore
{
    Task<UploadResponse?> FindAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Records the response unless another upload with the same key did first; then returns that one.</summary>
    Task<UploadResponse?> TryAddAsync(string keyHash, UploadResponse response, CancellationToken cancellationToken);

    Task DeleteAsync(string keyHash, CancellationToken cancellationToken);
}
