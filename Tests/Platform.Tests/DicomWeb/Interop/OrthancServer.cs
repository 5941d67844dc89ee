using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HeadCt.Platform.Tests.DicomWeb.Interop;

/// <summary>
/// Debian's Orthanc with its DICOMweb plugin, started for one test on a free loopback port (its DICOM listener off),
/// configured with our gateway as the remote DICOMweb server "headct" (credential sent as an HTTP header).
/// </summary>
public sealed class OrthancServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/Orthanc";
    public const string DicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
    public const string RemoteName = "headct";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private OrthancServer(Process process, string folder, HttpClient http)
    {
        _process = process;
        _folder = folder;
        Http = http;
    }

    /// <summary>Orthanc's own REST API (and its /dicom-web/servers client endpoints).</summary>
    public HttpClient Http { get; }

    public static bool IsInstalled => File.Exists(Executable) && File.Exists(DicomWebPlugin);

    public static async Task<OrthancServer> StartAsync(Uri dicomWebRoot, string apiKey)
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-orthanc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var configuration = new
        {
            Name = "headct-interop",
            HttpPort = port,
            DicomServerEnabled = false,
            RemoteAccessAllowed = false,
            AuthenticationEnabled = false,
            StorageDirectory = Path.Combine(folder, "storage"),
            IndexDirectory = Path.Combine(folder, "storage"),
            Plugins = new[] { DicomWebPlugin },
            DicomWeb = new
            {
                Enable = true,
                Servers = new Dictionary<string, object>
                {
                    [RemoteName] = new { Url = dicomWebRoot.ToString(), HttpHeaders = new Dictionary<string, string> { ["X-Api-Key"] = apiKey } },
                },
            },
        };
        var configurationFile = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(configurationFile, JsonSerializer.Serialize(configuration));
        var process = Process.Start(new ProcessStartInfo(Executable, [configurationFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        })!;
        var server = new OrthancServer(process, folder, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) });
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await Http.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Orthanc POST {path} answered {(int)response.StatusCode}: {text}{Environment.NewLine}{Output}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Orthanc GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Orthanc exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/system");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Orthanc did not answer within a minute:{Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
