using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeadCt.Processor.Results;

/// <summary>
/// The Redis copy of result documents (value: ETag, newline, JSON). Every failure is swallowed and opens a short
/// break during which callers go straight to blob storage: a cache outage slows reads, it never fails them.
/// </summary>
public sealed class ResultCache(
    IServiceProvider services, IOptions<ResultCacheOptions> options, TimeProvider time, ILogger<ResultCache> logger)
{
    private readonly Lazy<IConnectionMultiplexer> _redis = new(services.GetRequiredService<IConnectionMultiplexer>, LazyThreadSafetyMode.PublicationOnly);
    private long _brokenUntilTicks;

    public static string Key(string studyId) => $"headct:result:{studyId}";

    public Task<StoredResult?> GetAsync(string studyId) => GuardAsync<StoredResult?>(async database =>
    {
        var value = await database.StringGetAsync(Key(studyId));
        if (value.IsNull)
        {
            return null;
        }

        ReadOnlyMemory<byte> bytes = (byte[])value!;
        var newline = bytes.Span.IndexOf((byte)'\n');
        return newline <= 0 ? null : new StoredResult(System.Text.Encoding.ASCII.GetString(bytes.Span[..newline]), bytes[(newline + 1)..]);
    });

    /// <summary>After a write: the new version replaces whatever is cached.</summary>
    public Task SetAsync(string studyId, StoredResult result) => WriteAsync(studyId, result, When.Always);

    /// <summary>After a miss: only if no writer put a newer version there meanwhile.</summary>
    public Task RefillAsync(string studyId, StoredResult result) => WriteAsync(studyId, result, When.NotExists);

    public Task RemoveAsync(string studyId) => GuardAsync(database => database.KeyDeleteAsync(Key(studyId)));

    /// <summary>True when the cache answers a PING now.</summary>
    public async Task<bool> PingAsync() => await GuardAsync<bool?>(async database =>
    {
        await database.PingAsync();
        return true;
    }) ?? false;

    private Task WriteAsync(string studyId, StoredResult result, When when) => GuardAsync(database =>
    {
        var etag = System.Text.Encoding.ASCII.GetBytes(result.ETag);
        var value = new byte[etag.Length + 1 + result.Json.Length];
        etag.CopyTo(value, 0);
        value[etag.Length] = (byte)'\n';
        result.Json.Span.CopyTo(value.AsSpan(etag.Length + 1));
        return database.StringSetAsync(Key(studyId), value, options.Value.TimeToLive, when);
    });

    private async Task<T?> GuardAsync<T>(Func<IDatabase, Task<T?>> call)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _brokenUntilTicks))
        {
            return default;
        }

        try
        {
            return await call(_redis.Value.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            Break(e);
            return default;
        }
    }

    private Task GuardAsync(Func<IDatabase, Task> call) => GuardAsync<object?>(async database =>
    {
        await call(database);
        return null;
    });

    private void Break(Exception e)
    {
        var breakDuration = options.Value.BreakDuration;
        Interlocked.Exchange(ref _brokenUntilTicks, (time.GetUtcNow() + breakDuration).UtcTicks);
        Log.CacheUnavailable(logger, breakDuration.TotalSeconds, e);
    }
}
