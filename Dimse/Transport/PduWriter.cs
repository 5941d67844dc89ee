using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Transport;

/// <summary>Writes PDUs to a pipe, each flushed as a whole. One writer per association (PDUs never interleave).</summary>
public sealed class PduWriter(PipeWriter output)
{
    /// <summary>P-DATA-TF and PDV header bytes in front of a PDV's data (PS3.8 §9.3.5).</summary>
    public const int DataTransferOverhead = 12;

    public async ValueTask WriteAsync(Pdu pdu, CancellationToken cancellationToken)
    {
        await output.WriteAsync(PduEncoder.Encode(pdu), cancellationToken);
    }

    /// <summary>One P-DATA-TF holding one PDV: PDU length = data + 6, PDV item length = data + 2.</summary>
    public async ValueTask WriteDataAsync(byte contextId, bool isCommand, bool isLast, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var header = output.GetSpan(DataTransferOverhead);
        header[0] = (byte)PduType.DataTransfer;
        header[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[2..], (uint)(data.Length + 6));
        BinaryPrimitives.WriteUInt32BigEndian(header[6..], (uint)(data.Length + 2));
        header[10] = contextId;
        header[11] = PresentationDataValue.Control(isCommand, isLast);
        output.Advance(DataTransferOverhead);
        output.Write(data.Span);
        var result = await output.FlushAsync(cancellationToken);
        if (result.IsCompleted)
            throw new TransportClosedException("The peer stopped reading");
    }
}
