using System.Net;
using System.Text;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// A one-file multipart body sent at a steady pace (<paramref name="bytesPerTick"/> every <paramref name="tick"/>),
/// until it is all sent or the server ends the connection (<see cref="ServerClosedFirst"/>).
/// </summary>
public sealed class PacedContent(byte[] file, int bytesPerTick, TimeSpan tick) : HttpContent
{
    public const string Boundary = "paced-boundary";

    public bool ServerClosedFirst { get; private set; }

    public long BytesSent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var body = Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"paced.dcm\"\r\n" +
                "Content-Type: application/dicom\r\n\r\n")
            .Concat(file).Concat(Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n")).ToArray();
        try
        {
            for (var at = 0; at < body.Length; at += bytesPerTick)
            {
                await stream.WriteAsync(body.AsMemory(at, Math.Min(bytesPerTick, body.Length - at)));
                await stream.FlushAsync();
                BytesSent = at + bytesPerTick;
                await Task.Delay(tick);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            ServerClosedFirst = true;
            throw;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
