using System.Collections.Concurrent;
using System.Text;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HeadCt.Processor.Results;

/// <summary>
/// The Redis copy of result documents (value: ETag, newline, JSON). Every failure is swallowed and opens a short
/// break during which callers go straight to blob storage: a cache outage slows reads, it never fails them.
/// A write or delete the cache missed marks the key stale; stale keys are removed first when the cache is back, so
/// a copy that survived the outage (Redis persists) cannot shadow a newer document.
/// </summary>
public sealed class ResultCache(
    IServiceProvider services, IOptions<ResultCacheOptions> options, TimeProvider time, ILogger<ResultCache> logger)
{
    private readonly Lazy<IConnectionMultiplexer> _redis =
        new(services.GetRequiredService<IConnectionMultiplexer>, LazyThreadSafetyMode.PublicationOnly);
    private readonly ConcurrentDictionary<string, byte> _staleKeys = new(StringComparer.Ordinal);
    private long _brokenUntilTicks;

    public static string Key(string studyId) => $"headct:result:{studyId}";

    public async Task<StoredResult?> GetAsync(string studyId)
    {
        var (_, value) = await TryAsync(database => database.StringGetAsync(Key(studyId)));
        if (value.IsNull)
        {
            return null;
        }

        ReadOnlyMemory<byte> bytes = (byte[])value!;
        var newline = bytes.Span.IndexOf((byte)'\n');
        return newline <= 0 ? null : new StoredResult(Encoding.ASCII.GetString(bytes.Span[..newline]), bytes[(newline + 1)..]);
    }

    /// <summary>After a write: the new version replaces whatever is cached.</summary>
    public Task SetAsync(string studyId, StoredResult result) => WriteAsync(studyId, result, When.Always);

    /// <summary>After a miss: only if no writer put a newer version there meanwhile.</summary>
    public Task RefillAsync(string studyId, StoredResult result) => WriteAsync(studyId, result, When.NotExists);

    public async Task RemoveAsync(string studyId)
    {
        var (done, _) = await TryAsync(database => database.KeyDeleteAsync(Key(studyId)));
        if (!done)
        {
            _staleKeys.TryAdd(studyId, 0);
        }
    }

    /// <summary>True when the cache answers a PING now.</summary>
    public async Task<bool> PingAsync() => (await TryAsync(database => database.PingAsync(), ignoreBreak: true)).Done;

    private async Task WriteAsync(string studyId, StoredResult result, When when)
    {
        var etag = Encoding.ASCII.GetBytes(result.ETag);
        var value = new byte[etag.Length + 1 + result.Json.Length];
        etag.CopyTo(value, 0);
        value[etag.Length] = (byte)'\n';
        result.Json.Span.CopyTo(value.AsSpan(etag.Length + 1));
        var (done, _) = await TryAsync(database => database.StringSetAsync(Key(studyId), value, options.Value.TimeToLive, when));
        if (!done && when == When.Always)
        {
            _staleKeys.TryAdd(studyId, 0);
        }
    }

    private async Task<(bool Done, T? Value)> TryAsync<T>(Func<IDatabase, Task<T>> call, bool ignoreBreak = false)
    {
        if (!ignoreBreak && time.GetUtcNow().UtcTicks < Interlocked.Read(ref _brokenUntilTicks))
        {
            return (false, default);
        }

        try
        {
            var database = _redis.Value.GetDatabase();
            await RemoveStaleKeysAsync(database);
            return (true, await call(database));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            Break(e);
            return (false, default);
        }
    }

    private async Task RemoveStaleKeysAsync(IDatabase database)
    {
        foreach (var studyId in _staleKeys.Keys)
        {
            await database.KeyDeleteAsync(Key(studyId));
            _staleKeys.TryRemove(studyId, out _);
        }
    }

    private void Break(Exception e)
    {
        var breakDuration = options.Value.BreakDuration;
        Interlocked.Exchange(ref _brokenUntilTicks, (time.GetUtcNow() + breakDuration).UtcTicks);
        Log.CacheUnavailable(logger, breakDuration.TotalSeconds, e);
    }
}
