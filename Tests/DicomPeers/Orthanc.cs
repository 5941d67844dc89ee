using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeadCt.DicomPeers;

/// <summary>
/// Orthanc (Debian package orthanc) started as an executable with a generated configuration: HTTP and DICOM on free
/// loopback ports, storage in a temporary folder, no plugins, and the DICOM modalities the test declares (our AE).
/// </summary>
public sealed class Orthanc : IAsyncDisposable
{
    public const string AeTitle = "ORTHANC";
    public const string Executable = "/usr/sbin/Orthanc";

    /// <summary>Orthanc's REST API wants its field names as written (Resources, Level, Query), not camelCase.</summary>
    private static readonly JsonSerializerOptions AsWritten = new();

    private readonly Process _process;
    private readonly string _folder;

    private Orthanc(Process process, string folder, int httpPort, int dicomPort)
    {
        _process = process;
        _folder = folder;
        DicomPort = dicomPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public int DicomPort { get; }

    /// <summary>Orthanc's REST API.</summary>
    public HttpClient Http { get; }

    /// <param name="modalities">Name → (AE title, host, port) of each peer Orthanc may send to.</param>
    public static async Task<Orthanc> StartAsync(int dicomPort, IReadOnlyDictionary<string, (string AeTitle, string Host, int Port)> modalities)
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-orthanc", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var httpPort = FreePorts.Next();
        var config = new JsonObject
        {
            ["Name"] = "headct-test",
            ["HttpPort"] = httpPort,
            ["DicomPort"] = dicomPort,
            ["DicomAet"] = AeTitle,
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["Plugins"] = new JsonArray(),
            ["DicomAlwaysAllowStore"] = true,
            ["DicomCheckCalledAet"] = false,
            ["DicomAssociationCloseDelay"] = 0,
            ["StableAge"] = 1,
            ["DicomModalities"] = new JsonObject(modalities.Select(m =>
                KeyValuePair.Create(m.Key, (JsonNode?)new JsonArray(m.Value.AeTitle, m.Value.Host, m.Value.Port)))),
        };
        var configPath = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(configPath);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var orthanc = new Orthanc(process, folder, httpPort, dicomPort);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var system = await orthanc.Http.GetAsync("system");
                if (system.IsSuccessStatusCode)
                    return orthanc;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await orthanc.DisposeAsync();
        throw new InvalidOperationException($"Orthanc did not answer on port {httpPort}: {(process.HasExited ? await errors : "still starting")}");
    }

    /// <summary>POST /instances: stores a DICOM file; returns Orthanc's id of its study.</summary>
    public async Task<string> UploadAsync(string path)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        using var response = await Http.PostAsync("instances", content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ParentStudy").GetString()!;
    }

    /// <summary>POST /modalities/{name}/store: Orthanc sends the resources to the modality as C-STORE SCU (synchronously).</summary>
    public async Task<JsonElement> StoreToModalityAsync(string modality, params string[] resources)
    {
        using var response = await Http.PostAsJsonAsync($"modalities/{modality}/store", new { Resources = resources, Synchronous = true }, AsWritten);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"Orthanc store to {modality} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Orthanc's ids of the instances it holds of a study, by Study Instance UID (POST /tools/find).</summary>
    public async Task<IReadOnlyList<string>> InstancesOfStudyAsync(string studyInstanceUid)
    {
        using var response = await Http.PostAsJsonAsync("tools/find", new { Level = "Instance", Query = new { StudyInstanceUID = studyInstanceUid } }, AsWritten);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<string>>())!;
    }

    /// <summary>GET /instances/{id}/file: the file as Orthanc stored it.</summary>
    public Task<byte[]> FileAsync(string instanceId) => Http.GetByteArrayAsync($"instances/{instanceId}/file");

    public async Task DeleteStudyAsync(string orthancStudyId)
    {
        using var response = await Http.DeleteAsync($"studies/{orthancStudyId}");
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
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
}
