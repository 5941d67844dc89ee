using System.Net;
using System.Net.Sockets;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Telemetry;
using HeadCt.Dimse.Transport;

namespace HeadCt.Dimse.Tests.Support;

/// <summary>Our acceptor on a loopback TCP port chosen by the OS, one task per connection (as Kestrel runs it in the gateway).</summary>
public sealed class TestScp : IAsyncDisposable
{
    public const string AeTitle = "HEADCT_TEST";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public TestScp(IStorageScpHandler handler, AcceptorSettings? settings = null, int maxAssociations = 64)
    {
        Settings = settings ?? new AcceptorSettings { AeTitle = AeTitle, ArtimTimeout = TimeSpan.FromSeconds(5) };
        Limiter = new AssociationLimiter(maxAssociations);
        Acceptor = new AssociationAcceptor(Settings, handler, Limiter, Telemetry);
        _listener.Start(backlog: 512);
        _accepting = AcceptLoopAsync();
    }

    public AcceptorSettings Settings { get; }

    public AssociationLimiter Limiter { get; }

    public DimseTelemetry Telemetry { get; } = new();

    public AssociationAcceptor Acceptor { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
                _connections.Add(Task.Run(() => ServeAsync(socket)));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        await Acceptor.RunAsync(DuplexPipe.Over(stream), socket.RemoteEndPoint?.ToString(), _stopping.Token);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_connections)
            running = [.. _connections];
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30));
        Telemetry.Dispose();
        _stopping.Dispose();
    }
}
