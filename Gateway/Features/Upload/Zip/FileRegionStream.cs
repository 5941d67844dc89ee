using HeadCt.Gateway.Streams;
using Microsoft.Win32.SafeHandles;

namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// Reads [start, start + length) of a file by offset (RandomAccess), so the central directory and an entry's data can
/// be read at the same time from one spooled archive without sharing a position.
/// </summary>
internal sealed class FileRegionStream(SafeFileHandle file, long start, long length) : ForwardReadStream
{
    private long _offset;

    public override int Read(Span<byte> buffer)
    {
        var count = Clamp(buffer.Length);
        if (count == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(file, buffer[..count], start + _offset);
        _offset += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = Clamp(buffer.Length);
        if (count == 0)
        {
            return 0;
        }

        var read = await RandomAccess.ReadAsync(file, buffer[..count], start + _offset, cancellationToken);
        _offset += read;
        return read;
    }

    private int Clamp(int requested) => (int)Math.Min(requested, length - _offset);
}
