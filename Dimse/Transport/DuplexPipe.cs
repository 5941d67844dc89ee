using System.IO.Pipelines;

namespace HeadCt.Dimse.Transport;

/// <summary>The two directions of one connection as pipes.</summary>
public sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe
{
    /// <summary>Pipes over a stream (a socket's NetworkStream); completing them does not close the stream.</summary>
    public static DuplexPipe Over(Stream stream) => new(
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true)),
        PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true)));
}
