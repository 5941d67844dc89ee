using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Transport;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// The DICOM network layer on arbitrary bytes. The first byte chooses the stage:
/// even → the parsers: the rest is read as a run of PDUs, each decoded (PduDecoder), P-DATA-TF split into PDVs
///   (PdvReader) and every command PDV parsed (CommandSet.Parse);
/// odd → a whole SCP session: the rest is what a peer sends to <see cref="AssociationAcceptor"/> before it closes, so
///   the state machine, reassembly and the C-STORE data path all run.
/// <see cref="PduFormatException"/> and <see cref="CommandSetException"/> are the documented answers to malformed input;
/// any other exception (and, for sessions, any exception at all: RunAsync never throws) is a crash.
/// </summary>
internal static class DimseFuzzTarget
{
    private static readonly SinkHandler Handler = new();

    private static readonly AssociationAcceptor Acceptor = new(new AcceptorSettings
    {
        AeTitle = "FUZZ_SCP",
        AcceptAnyCalledAeTitle = true,
        MaxPduLength = 64 * 1024,
        ArtimTimeout = TimeSpan.FromMilliseconds(500),
        IdleTimeout = TimeSpan.FromMilliseconds(500),
    }, Handler);

    public static FuzzOutcome Run(ReadOnlyMemory<byte> input)
    {
        if (input.IsEmpty)
            return FuzzOutcome.Rejected;
        return input.Span[0] % 2 == 0 ? Parse(input[1..]) : Session(input[1..]);
    }

    private static FuzzOutcome Parse(ReadOnlyMemory<byte> input)
    {
        var rest = input.Span;
        var parsed = false;
        try
        {
            while (rest.Length >= 6)
            {
                var type = rest[0];
                var length = BinaryPrimitives.ReadUInt32BigEndian(rest[2..]);
                if (length > rest.Length - 6)
                    return parsed ? FuzzOutcome.Parsed : FuzzOutcome.Rejected;
                var body = rest.Slice(6, (int)length);
                if (type == (byte)PduType.DataTransfer)
                {
                    foreach (var value in PdvReader.Read(new ReadOnlySequence<byte>(body.ToArray())))
                    {
                        if (value.IsCommand)
                            CommandSet.Parse(value.Data.ToArray()).Encode();
                    }
                }
                else if (type is >= 1 and <= 7)
                {
                    var pdu = PduDecoder.Decode((PduType)type, body);
                    if (pdu is AssociateRequestPdu or AssociateAcceptPdu)
                        PduDecoder.Decode((PduType)type, PduEncoder.Encode(pdu).AsSpan(6)); // what we decode, we can encode and read back
                }

                parsed = true;
                rest = rest[(6 + (int)length)..];
            }

            return parsed ? FuzzOutcome.Parsed : FuzzOutcome.Rejected;
        }
        catch (Exception e) when (e is PduFormatException or CommandSetException)
        {
            return FuzzOutcome.Rejected;
        }
    }

    private static FuzzOutcome Session(ReadOnlyMemory<byte> input)
    {
        var toScp = new Pipe();
        var fromScp = new Pipe();
        toScp.Writer.WriteAsync(input).AsTask().GetAwaiter().GetResult();
        toScp.Writer.Complete();
        var drain = Task.Run(async () =>
        {
            while (true)
            {
                var read = await fromScp.Reader.ReadAsync();
                fromScp.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                    break;
            }

            await fromScp.Reader.CompleteAsync();
        });
        var before = Handler.Admitted;
        var stored = Handler.Stores;
        Acceptor.RunAsync(new DuplexPipe(toScp.Reader, fromScp.Writer), "fuzz", CancellationToken.None).GetAwaiter().GetResult();
        drain.GetAwaiter().GetResult();
        return Handler.Stores > stored ? FuzzOutcome.Decoded : Handler.Admitted > before ? FuzzOutcome.Parsed : FuzzOutcome.Rejected;
    }

    /// <summary>Admits everyone and reads each data set to its end (bounded), keeping nothing.</summary>
    private sealed class SinkHandler : IStorageScpHandler
    {
        private long _admitted;
        private long _stores;

        public long Admitted => Interlocked.Read(ref _admitted);

        public long Stores => Interlocked.Read(ref _stores);

        public AssociationRejection? Admit(AssociationInfo request)
        {
            Interlocked.Increment(ref _admitted);
            return null;
        }

        public async Task<StoreOutcome> StoreAsync(StoreRequest request, Stream dataSet, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            long total = 0;
            int read;
            while ((read = await dataSet.ReadAsync(buffer, cancellationToken)) > 0 && total < 64L << 20)
                total += read;
            Interlocked.Increment(ref _stores);
            return StoreOutcome.Stored;
        }

        public Task AssociationEndedAsync(AssociationSummary summary) => Task.CompletedTask;
    }
}
