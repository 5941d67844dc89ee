using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>
/// Keeps every log line of the AppHost in memory, including the console output of each resource
/// (Aspire.Hosting.Testing forwards it under the category "&lt;AppHost&gt;.Resources.&lt;name&gt;").
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogLine> _lines = new();

    public IReadOnlyList<CapturedLogLine> Lines => [.. _lines];

    /// <summary>The console output lines of one resource (its process's stdout/stderr).</summary>
    public IReadOnlyList<CapturedLogLine> OfResource(string resourceName)
    {
        var suffix = $".Resources.{resourceName}";
        return [.. _lines.Where(line => line.Category.EndsWith(suffix, StringComparison.Ordinal))];
    }

    /// <summary>The last <paramref name="count"/> lines at <paramref name="minimumLevel"/> or above, for failure messages.</summary>
    public string Tail(int count = 60, LogLevel minimumLevel = LogLevel.Trace) =>
        string.Join(
            Environment.NewLine,
            _lines.Where(line => line.Level >= minimumLevel).TakeLast(count).Select(line => line.ToString()));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue(new CapturedLogLine(DateTimeOffset.UtcNow, logLevel, category, formatter(state, exception), exception));
        }
    }
}

public sealed record CapturedLogLine(
    DateTimeOffset Timestamp, LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() =>
        $"{Timestamp:HH:mm:ss.fff} {Level} {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception.Message)}";
}
