using System.Buffers.Binary;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Upload.Zip;

namespace HeadCt.Platform.Tests.Units;

/// <summary>
/// Issue 16: a 94 MB zip whose central directory lists two million entries was refused only after the gateway read
/// the whole directory into memory (264 → 948 MB). The directory is now a stream read one record at a time with the
/// cap enforced while reading; here the two million records are produced lazily and the bytes taken are counted.
/// </summary>
public sealed class ZipCentralDirectoryTests
{
    private const int Cap = 10_000;
    private const int TwoMillion = 2_000_000;

    [Fact]
    public async Task GivenADirectoryOfTwoMillionRecords_WhenReadWithTheCap_ThenItStopsAtTheFirstRecordOverTheCap()
    {
        var directory = new LazyDirectory(TwoMillion);

        var records = 0;
        var refused = await Assert.ThrowsAsync<IngestLimitExceededException>(async () =>
        {
            await foreach (var _ in ZipCentralDirectory.ReadAsync(directory, declaredEntries: 1, Cap, "bomb.zip", default))
            {
                records++;
            }
        });

        Assert.Equal(nameof(IngestLimitsOptions.MaxZipEntries), refused.Limit);
        Assert.Equal(Cap, records);
        Assert.True(directory.BytesRead <= (Cap + 1L) * LazyDirectory.RecordLength,
            $"{directory.BytesRead} bytes of the {directory.Length}-byte directory were read for {Cap} entries.");
    }

    [Fact]
    public async Task GivenAnEndRecordClaimingTwoMillionEntries_WhenRead_ThenNotOneRecordIsRead()
    {
        var directory = new LazyDirectory(TwoMillion);

        await Assert.ThrowsAsync<IngestLimitExceededException>(async () =>
        {
            await foreach (var _ in ZipCentralDirectory.ReadAsync(directory, declaredEntries: TwoMillion, Cap, "bomb.zip", default))
            {
            }
        });

        Assert.Equal(0, directory.BytesRead);
    }

    /// <summary>Central directory file headers (APPNOTE 4.3.12) with one-letter names, generated as they are read.</summary>
    private sealed class LazyDirectory(int records) : Stream
    {
        public const int RecordLength = 47;
        private readonly byte[] _record = Record();
        private long _position;

        public long BytesRead => _position;
        public override long Length => (long)records * RecordLength;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, Length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _record[(int)((_position + i) % RecordLength)];
            }

            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte[] Record()
        {
            var record = new byte[RecordLength];
            BinaryPrimitives.WriteUInt32LittleEndian(record, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(28), 1);
            record[46] = (byte)'x';
            return record;
        }
    }
}
