using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HeadCt.AppHost.LocalServices.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeadCt.Deployment.Tests.Support;

/// <summary>
/// Azurite (the AppHost's pinned npm install) on free loopback ports over HTTPS with <c>--oauth basic</c>: it accepts a
/// bearer token only when it is a JWT within its lifetime, issued by an Entra ID issuer (https://sts.windows.net/…) for
/// the audience https://storage.azure.com; it does not check the signature. Stopped (by its process id) on dispose.
/// </summary>
internal sealed class AzuriteWithOAuth : IAsyncDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo folder;

    private AzuriteWithOAuth(Process process, DirectoryInfo folder, LoopbackCertificate certificate, int blobPort, int queuePort)
    {
        this.process = process;
        this.folder = folder;
        Certificate = certificate;
        BlobEndpoint = new Uri($"https://127.0.0.1:{blobPort}/devstoreaccount1");
        QueueEndpoint = new Uri($"https://127.0.0.1:{queuePort}/devstoreaccount1");
    }

    public LoopbackCertificate Certificate { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public static async Task<AzuriteWithOAuth> StartAsync()
    {
        var package = Path.Combine(RepositoryPaths.Root, "AppHost", "azurite");
        using var install = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await AzuriteInstaller.EnsureInstalledAsync(package, NullLogger.Instance, install.Token);
        var folder = Directory.CreateTempSubdirectory("headct-azurite-oauth-");
        var certificate = new LoopbackCertificate(folder.FullName);
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node",
        [
            AzuriteInstaller.EntryPoint(package),
            "--location", Path.Combine(folder.FullName, "data"), "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--oauth", "basic", "--cert", certificate.CertificatePath, "--key", certificate.KeyPath,
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var azurite = new AzuriteWithOAuth(process, folder, certificate, blob, queue);
        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            output.Enqueue(line.Data);
            if (line.Data.Contains("successfully listening", StringComparison.OrdinalIgnoreCase) && Interlocked.Increment(ref listening) == 3)
                ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != ready.Task)
        {
            await azurite.DisposeAsync();
            throw new InvalidOperationException("Azurite with OAuth did not start:\n" + string.Join('\n', output));
        }
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Certificate.Dispose();
        folder.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
