using System.Net;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// A multipart body sent in two halves: the first parts, then a pause until the test opens the gate (e.g. after
/// stopping a dependency), then the rest. Lets a test break something in the middle of an upload.
/// </summary>
public sealed class GatedContent(MultipartFormDataContent form, int firstHalfBytes) : HttpContent
{
    private readonly TaskCompletionSource _firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstHalfSent => _firstHalfSent.Task;

    public void Open() => _gate.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var body = await form.ReadAsByteArrayAsync();
        await stream.WriteAsync(body.AsMemory(0, firstHalfBytes));
        await stream.FlushAsync();
        _firstHalfSent.TrySetResult();
        await _gate.Task;
        await stream.WriteAsync(body.AsMemory(firstHalfBytes));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
