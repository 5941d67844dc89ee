using System.IO.Hashing;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// Passes an entry's decompressed bytes through while computing their CRC-32 (APPNOTE 4.4.7, the ISO 3309 polynomial)
/// and counting them. More bytes than the directory declares fail at once (a short declared size must not silently
/// truncate the file); at the end, a shorter length or another CRC fails too. Failures are
/// <see cref="InstanceContentException"/>s, so the instance being stored is refused and removed.
/// </summary>
internal sealed class VerifiedEntryStream(Stream inner, uint expectedCrc, long expectedLength, string displayName) : ForwardReadStream
{
    private readonly Crc32 _crc = new();
    private long _length;

    public override int Read(Span<byte> buffer) => Check(buffer, ReadInner(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await ReadInnerAsync(buffer, cancellationToken);
        return Check(buffer.Span, read);
    }

    private int ReadInner(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw Corrupt();
        }
    }

    private async ValueTask<int> ReadInnerAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw Corrupt();
        }
    }

    private int Check(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            _length += read;
            if (_length > expectedLength)
            {
                throw new InstanceContentException(
                    $"'{displayName}' holds more data than the {expectedLength} bytes its zip header declares.");
            }

            _crc.Append(buffer[..read]);
            return read;
        }

        if (buffer.Length > 0)
        {
            if (_length != expectedLength)
            {
                throw new InstanceContentException(
                    $"'{displayName}' holds {_length} bytes but its zip header declares {expectedLength}: the entry is cut off or corrupt.");
            }

            var actual = _crc.GetCurrentHashAsUInt32();
            if (actual != expectedCrc)
            {
                throw new InstanceContentException(
                    $"'{displayName}' fails its CRC-32 check (header {expectedCrc:x8}, data {actual:x8}): the entry is corrupt.");
            }
        }

        return 0;
    }

    private InstanceContentException Corrupt() =>
        new($"'{displayName}' is not valid deflate data: the entry is corrupt.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
