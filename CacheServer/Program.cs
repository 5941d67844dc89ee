using System.Runtime.InteropServices;
using Garnet;

// Arguments are Garnet's own (--port, --bind, --checkpointdir, ...); the AppHost passes the allocated port.
using var server = new GarnetServer(args);
server.Start();
Console.WriteLine($"Garnet cache server started with arguments: {string.Join(' ', args)}");

var stopRequested = new TaskCompletionSource();
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGracefully);
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGracefully);
await stopRequested.Task;
Console.WriteLine("Garnet cache server stopping.");

void StopGracefully(PosixSignalContext context)
{
    context.Cancel = true;
    stopRequested.TrySetResult();
}
