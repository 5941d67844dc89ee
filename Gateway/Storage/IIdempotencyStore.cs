namespace HeadCt.Gateway.Storage;

/// <summary>Idempotency keys by their scoped hash (see <c>IdempotencyKey.Scope</c>).</summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> FindAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Records the key's first use unless another request with the same key did first; then returns that one.</summary>
    Task<IdempotencyRecord?> TryAddAsync(string keyHash, IdempotencyRecord record, CancellationToken cancellationToken);

    Task DeleteAsync(string keyHash, CancellationToken cancellationToken);
}
