using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Hosting;

/// <summary>
/// The DICOM endpoint: a Kestrel server of its own whose only listener hands each connection to
/// <see cref="DimseConnectionHandler"/> (one association per connection). Being separate from the HTTP server, it
/// leaves the HTTP endpoints Aspire configures untouched and has its own connection limit.
/// </summary>
public sealed class DimseListener(
    IServiceProvider services,
    IConnectionListenerFactory transport,
    ILoggerFactory loggers,
    IOptions<DimseOptions> options,
    ILogger<DimseListener> logger) : IHostedService, IDisposable
{
    /// <summary>Connections beyond MaxAssociations that are still answered with the standard's rejection.</summary>
    public const int PendingConnections = 256;

    private KestrelServer? _server;

    /// <summary>The port bound (the configured one, or the one the OS chose for 0).</summary>
    public int? Port { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var kestrel = new KestrelServerOptions { ApplicationServices = services, AddServerHeader = false };
        // Requests beyond MaxAssociations are still read and answered A-ASSOCIATE-RJ (local-limit-exceeded), each bounded by
        // the ARTIM timer; only beyond this many connections at once does TCP refuse them.
        kestrel.Limits.MaxConcurrentConnections = settings.MaxAssociations + PendingConnections;
        kestrel.ListenAnyIP(settings.Port, listen => listen.UseConnectionHandler<DimseConnectionHandler>());
        _server = new KestrelServer(Options.Create(kestrel), transport, loggers);
        await _server.StartAsync(new NoHttpApplication(), cancellationToken);
        var address = _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Port = address is not null && Uri.TryCreate(address.Replace("://[::]", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Port
            : settings.Port;
        DimseLog.Listening(logger, settings.AeTitle, Port.Value, settings.MaxAssociations);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
            await _server.StopAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();
}
