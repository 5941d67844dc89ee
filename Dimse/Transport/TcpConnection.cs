using System.Net.Sockets;

namespace HeadCt.Dimse.Transport;

/// <summary>An outgoing TCP connection (PS3.8 §9.1.2) with its pipes; disposing closes the socket.</summary>
public sealed class TcpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private TcpConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Pipe = DuplexPipe.Over(_stream);
    }

    public DuplexPipe Pipe { get; }

    public string? RemoteAddress => _socket.RemoteEndPoint?.ToString();

    public static async Task<TcpConnection> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No TCP connection to {host}:{port} within {timeout.TotalSeconds:F0} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TcpConnection(socket);
    }

    public async ValueTask DisposeAsync()
    {
        await Pipe.Output.CompleteAsync();
        await Pipe.Input.CompleteAsync();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync();
    }
}
