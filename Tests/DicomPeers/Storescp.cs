using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Dimse;

namespace HeadCt.DicomPeers;

/// <summary>
/// DCMTK's storescp on a free loopback port, in bit-preserving mode (+B: "write data exactly as read"): the
/// independent reference for what a sender put on the wire. Its association configuration (-xf) accepts the storage
/// classes the tests send in every transfer syntax DCMTK 3.6.7 knows, Explicit VR LE preferred (+xa alone lacks
/// JPEG lossless process 14, …4.57).
/// </summary>
public sealed class Storescp : IAsyncDisposable
{
    public const string AeTitle = "STORESCP";

    private readonly Process _process;

    private Storescp(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <param name="port">A port reserved for it (a configured peer's), else a free one.</param>
    public static async Task<Storescp> StartAsync(string folder, int? port = null)
    {
        Directory.CreateDirectory(folder);
        for (var attempt = 1; ; attempt++)
        {
            var listening = port ?? FreePorts.Next();
            var start = new ProcessStartInfo("storescp") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            var config = Path.Combine(Path.GetTempPath(), $"headct-storescp-{Guid.NewGuid():N}.cfg");
            await File.WriteAllTextAsync(config, Configuration);
            foreach (var argument in (string[])["-aet", AeTitle, "+B", "-xf", config, "Default", "-od", folder, listening.ToString()])
                start.ArgumentList.Add(argument);
            var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (await FreePorts.WaitUntilListeningAsync(listening, process, TimeSpan.FromSeconds(10)))
            {
                File.Delete(config); // read at start-up
                return new Storescp(process, listening, folder);
            }

            File.Delete(config);
            process.Kill();
            process.Dispose();
            if (attempt == 5 || port is not null)
                throw new InvalidOperationException("storescp did not start listening");
        }
    }

    /// <summary>The data set bytes (after the File Meta Information) storescp wrote for each SOP Instance UID.</summary>
    public IReadOnlyDictionary<string, byte[]> DataSets() => DataSetsIn(Folder);

    public static Dictionary<string, byte[]> DataSetsIn(string folder)
    {
        var sets = new Dictionary<string, byte[]>();
        foreach (var path in Directory.GetFiles(folder).Where(path => !path.EndsWith(".partial", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(path);
            var header = DicomReader.ReadPartTenHeader(bytes, true);
            sets[header.SopInstanceUid!] = bytes[header.DatasetOffset..];
        }

        return sets;
    }

    private static readonly string[] SyntaxUids =
    [
        "1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.50",
        "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80",
        "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5",
    ];

    private static readonly string[] SopClassUids =
    [
        SopClasses.Verification, SopClasses.CtImageStorage, SopClasses.EnhancedCtImageStorage, SopClasses.MrImageStorage,
        SopClasses.SecondaryCaptureImageStorage, SopClasses.SegmentationStorage, SopClasses.EnhancedSrStorage,
    ];

    private static string Configuration =>
        "[[TransferSyntaxes]]\n[All]\n" + string.Concat(SyntaxUids.Select((uid, i) => $"TransferSyntax{i + 1} = {uid}\n")) +
        "[[PresentationContexts]]\n[Contexts]\n" + string.Concat(SopClassUids.Select((uid, i) => $"PresentationContext{i + 1} = {uid}\\All\n")) +
        "[[Profiles]]\n[Default]\nPresentationContexts = Contexts\n";

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
