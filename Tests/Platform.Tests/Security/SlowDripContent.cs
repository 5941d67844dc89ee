using System.Net;
using System.Text;

namespace HeadCt.Platform.Tests.Security;

/// <summary>A multipart body that trickles a byte at a time, as a slowloris client would, until the server gives up.</summary>
public sealed class SlowDripContent(byte[] file, TimeSpan interval, TimeSpan giveUpAfter) : HttpContent
{
    public const string Boundary = "drip-boundary";

    public bool ServerClosedFirst { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"drip.dcm\"\r\n" +
            "Content-Type: application/dicom\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(file.AsMemory(0, Math.Min(file.Length, 200)));
        await stream.FlushAsync();
        var deadline = DateTime.UtcNow + giveUpAfter;
        for (var i = 200; i < file.Length && DateTime.UtcNow < deadline; i++)
        {
            await Task.Delay(interval);
            try
            {
                await stream.WriteAsync(file.AsMemory(i, 1));
                await stream.FlushAsync();
            }
            catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
            {
                ServerClosedFirst = true;
                throw;
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
