using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// What an upload sent, as one SHA-256: every file part's field name, file name and bytes, in order, each framed by
/// its length. Independent of the multipart boundary (a client's retry draws a new one), so a retry of the same files
/// matches and a different body under the same Idempotency-Key does not (draft-ietf-httpapi-idempotency-key-header
/// §2.2: the key is bound to the request's fingerprint).
/// </summary>
internal sealed class UploadFingerprint : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Starts a file part; hash its bytes by reading them through the returned stream, then call <see cref="PartStream.DrainAsync"/>.</summary>
    public PartStream Track(string field, string fileName, Stream body)
    {
        AppendFramed(Encoding.UTF8.GetBytes(field));
        AppendFramed(Encoding.UTF8.GetBytes(fileName));
        return new PartStream(this, body);
    }

    public string Complete() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private void AppendFramed(ReadOnlySpan<byte> value)
    {
        AppendLength(value.Length);
        _hash.AppendData(value);
    }

    private void AppendLength(long value)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, value);
        _hash.AppendData(length);
    }

    /// <summary>A part's body, hashed as it is read; its length closes the frame when it is drained.</summary>
    public sealed class PartStream(UploadFingerprint owner, Stream body) : ReadOnlyPassThroughStream(body)
    {
        public override int Read(Span<byte> buffer)
        {
            var read = base.Read(buffer);
            owner._hash.AppendData(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            owner._hash.AppendData(buffer.Span[..read]);
            return read;
        }

        /// <summary>Reads (and hashes) what the consumer left of the part, then its length.</summary>
        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            await CopyToAsync(Null, cancellationToken);
            owner.AppendLength(BytesRead);
        }
    }
}
