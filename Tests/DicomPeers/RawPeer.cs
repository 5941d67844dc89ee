using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using HeadCt.Dimse;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Transport;

namespace HeadCt.DicomPeers;

/// <summary>A hand-driven peer (our own code, unlike the others here): sends whatever bytes a test wants and reads back what the SCP answers, PDU by PDU.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private NetworkStream? _stream;
    private PduReader? _reader;

    public static async Task<RawPeer> ConnectAsync(int port, string host = "127.0.0.1")
    {
        var peer = new RawPeer();
        await peer._client.ConnectAsync(host, port);
        peer._stream = peer._client.GetStream();
        peer._reader = new PduReader(System.IO.Pipelines.PipeReader.Create(peer._stream));
        return peer;
    }

    public Task SendAsync(byte[] bytes) => _stream!.WriteAsync(bytes).AsTask();

    public Task SendAsync(Pdu pdu) => SendAsync(PduEncoder.Encode(pdu));

    /// <summary>One P-DATA-TF with one PDV.</summary>
    public Task SendDataAsync(byte contextId, bool isCommand, bool isLast, byte[] data)
    {
        var pdu = new byte[12 + data.Length];
        pdu[0] = (byte)PduType.DataTransfer;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)(data.Length + 6));
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(6), (uint)(data.Length + 2));
        pdu[10] = contextId;
        pdu[11] = PresentationDataValue.Control(isCommand, isLast);
        data.CopyTo(pdu, 12);
        return SendAsync(pdu);
    }

    /// <summary>The next PDU the SCP sent: decoded, or for P-DATA-TF its PDVs' bytes joined; null when the SCP closed the connection.</summary>
    public async Task<object?> ReadAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var header = await _reader!.ReadHeaderAsync(limit.Token);
        if (header is null)
            return null;
        var body = await _reader.ReadBodyAsync(limit.Token);
        try
        {
            if (header.Value.Type == PduType.DataTransfer)
                return PdvReader.Read(body).Select(v => (v.ContextId, v.IsCommand, v.IsLast, Data: v.Data.ToArray())).ToList();
            return PduDecoder.Decode(header.Value.Type, body.ToArray());
        }
        finally
        {
            _reader.Consume();
        }
    }

    /// <summary>True when the SCP closes the connection (reads return end of stream) within the timeout.</summary>
    public async Task<bool> ClosedByPeerAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (await _stream!.ReadAsync(buffer, limit.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Half-closes our side (FIN), as a peer that stops sending does.</summary>
    public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    public static AssociateRequestPdu Request(string calling, string called, params PresentationContextProposal[] contexts) =>
        new(1, called, calling, PduEncoder.DicomApplicationContext,
            contexts.Length > 0 ? contexts : [new PresentationContextProposal(1, SopClasses.Verification, [TransferSyntaxes.Default])],
            UserInformation.Of(16384, "1.2.3.4", "RAWPEER"));
}
