using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// Marionette's wire format over TCP: every message is "&lt;byte length&gt;:&lt;JSON&gt;". The server speaks first
/// with a hello naming its protocol; then each command [0, id, name, parameters] is answered by
/// [1, id, error, result], one at a time.
/// </summary>
public sealed class MarionetteConnection : IAsyncDisposable
{
    private const int SupportedProtocol = 3;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(2);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _oneCommandAtATime = new(1, 1);
    private int _lastId;

    private MarionetteConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<MarionetteConnection> OpenAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var connection = new MarionetteConnection(tcp);
        using var hello = await connection.ReadMessageAsync(CancellationToken.None);
        var protocol = hello.RootElement.GetProperty("marionetteProtocol").GetInt32();
        if (protocol != SupportedProtocol)
        {
            await connection.DisposeAsync();
            throw new NotSupportedException($"Marionette protocol {protocol}; this client speaks {SupportedProtocol}.");
        }

        return connection;
    }

    /// <summary>Sends one command and returns its result, or throws <see cref="MarionetteException"/> with the error.</summary>
    public async Task<JsonElement> SendAsync(string command, object parameters)
    {
        await _oneCommandAtATime.WaitAsync();
        try
        {
            var id = ++_lastId;
            var json = JsonSerializer.SerializeToUtf8Bytes(new object[] { 0, id, command, parameters });
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(json.Length.ToString(CultureInfo.InvariantCulture) + ":"));
            await _stream.WriteAsync(json);

            using var timeout = new CancellationTokenSource(AnswerTimeout);
            using var answer = await ReadMessageAsync(timeout.Token);
            var root = answer.RootElement;
            if (root[0].GetInt32() != 1 || root[1].GetInt32() != id)
            {
                throw new InvalidOperationException($"{command}: expected the answer to command {id}, got {root}.");
            }

            if (root[2].ValueKind != JsonValueKind.Null)
            {
                throw new MarionetteException(command, root[2].GetProperty("error").GetString()!, root[2].GetProperty("message").GetString()!);
            }

            return root[3].Clone();
        }
        finally
        {
            _oneCommandAtATime.Release();
        }
    }

    private async Task<JsonDocument> ReadMessageAsync(CancellationToken cancellation)
    {
        var length = 0;
        var one = new byte[1];
        while (true)
        {
            await _stream.ReadExactlyAsync(one, cancellation);
            if (one[0] == (byte)':')
            {
                break;
            }

            if (!char.IsAsciiDigit((char)one[0]))
            {
                throw new InvalidDataException($"Marionette sent '{(char)one[0]}' where a message length was expected.");
            }

            length = checked((length * 10) + (one[0] - '0'));
        }

        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, cancellation);
        return JsonDocument.Parse(body);
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        _oneCommandAtATime.Dispose();
        return ValueTask.CompletedTask;
    }
}
