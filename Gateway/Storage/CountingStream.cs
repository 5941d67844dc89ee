using HeadCt.Gateway.Streams;

namespace HeadCt.Gateway.Storage;

/// <summary>A read-only pass-through that counts what was read (<see cref="ReadOnlyPassThroughStream.BytesRead"/>), so a streamed upload knows its size.</summary>
internal sealed class CountingStream(Stream inner) : ReadOnlyPassThroughStream(inner);
