using System.Buffers;
using HeadCt.Dimse.Transport;

namespace HeadCt.Dimse.Messages;

/// <summary>
/// Sends a DIMSE message as PDVs (PS3.7 §6.3.1, PS3.8 Annex E): the command set, then the data set, each cut into
/// fragments that fit the peer's Maximum Length, the last fragment of each marked.
/// </summary>
public static class MessageWriter
{
    public static async ValueTask WriteCommandAsync(
        PduWriter writer, byte contextId, CommandSet command, uint maxPduLength, CancellationToken cancellationToken)
    {
        var bytes = command.Encode();
        var chunk = ChunkSize(maxPduLength);
        var offset = 0;
        do
        {
            var length = Math.Min(chunk, bytes.Length - offset);
            await writer.WriteDataAsync(contextId, isCommand: true, isLast: offset + length == bytes.Length,
                bytes.AsMemory(offset, length), cancellationToken);
            offset += length;
        }
        while (offset < bytes.Length);
    }

    /// <summary>
    /// Streams the data set; one chunk is read ahead so that the last fragment is known when it is sent. With
    /// <paramref name="padToEvenLength"/> an odd total gets one trailing NUL, as PS3.5 §A.5 requires of a deflated
    /// data set (files on disk do not always have it, and receivers such as DCMTK refuse odd fragments).
    /// </summary>
    public static async ValueTask<long> WriteDataSetAsync(
        PduWriter writer, byte contextId, Stream dataSet, uint maxPduLength, CancellationToken cancellationToken, bool padToEvenLength = false)
    {
        var chunk = ChunkSize(maxPduLength);
        var current = ArrayPool<byte>.Shared.Rent(chunk);
        var next = ArrayPool<byte>.Shared.Rent(chunk);
        long sent = 0;
        try
        {
            var currentLength = await dataSet.ReadAtLeastAsync(current.AsMemory(0, chunk), chunk, throwOnEndOfStream: false, cancellationToken);
            while (true)
            {
                var nextLength = currentLength < chunk ? 0
                    : await dataSet.ReadAtLeastAsync(next.AsMemory(0, chunk), chunk, throwOnEndOfStream: false, cancellationToken);
                var isLast = nextLength == 0;
                if (isLast && padToEvenLength && (sent + currentLength) % 2 == 1)
                {
                    if (currentLength < current.Length)
                    {
                        current[currentLength++] = 0;
                    }
                    else
                    {
                        await writer.WriteDataAsync(contextId, isCommand: false, isLast: false, current.AsMemory(0, currentLength), cancellationToken);
                        sent += currentLength;
                        current[0] = 0;
                        currentLength = 1;
                    }
                }

                await writer.WriteDataAsync(contextId, isCommand: false, isLast, current.AsMemory(0, currentLength), cancellationToken);
                sent += currentLength;
                if (isLast)
                    return sent;
                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    /// <summary>
    /// PDV data per P-DATA-TF: the PDU's Maximum Length less the PDV header (4-byte length, context ID, control),
    /// rounded down to even (data set fragments of odd length are refused by DCMTK, "Odd Fragment Length").
    /// </summary>
    public static int ChunkSize(uint maxPduLength) => (int)Math.Clamp(((long)maxPduLength - 6) & ~1L, 2, 16 * 1024 * 1024);
}
