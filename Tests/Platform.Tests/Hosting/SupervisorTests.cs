using System.Diagnostics;
using HeadCt.Platform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>
/// Issue 16: a killed processor, Redis or Azurite was never started again. The AppHost's supervisor
/// (AppHost/Supervision) restarts a resource whose process ends unasked: every supervised process is killed with
/// SIGKILL at once, and each must come back healthy in a new run.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SupervisorTests(PlatformAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task GivenEverySupervisedProcess_WhenKilledWithSigkill_ThenEachIsRestartedAndHealthyAgain()
    {
        var before = ResourceNames.All.ToDictionary(name => name, name => fixture.CurrentSnapshot(name));
        foreach (var (name, snapshot) in before)
        {
            output.WriteLine($"{name}: {string.Join(", ", snapshot.Properties.Select(p => $"{p.Name}={p.Value}"))}");
        }

        var pids = before.ToDictionary(pair => pair.Key, pair => ProcessId(pair.Value));
        foreach (var (name, pid) in pids)
        {
            // The whole tree: a project runs as `dotnet` hosting the service's process.
            output.WriteLine($"killing {name} (pid {pid}): {Tree(pid)}");
            Process.GetProcessById(pid).Kill(entireProcessTree: true);
        }

        foreach (var name in ResourceNames.All)
        {
            await fixture.WaitForNewHealthyRunAsync(name, before[name].StartTimeStamp);
            var after = fixture.CurrentSnapshot(name);
            Assert.NotEqual(pids[name], ProcessId(after));
        }
    }

    private static string Tree(int pid)
    {
        var children = File.Exists($"/proc/{pid}/task/{pid}/children") ? File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim() : "";
        return $"{File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')[..Math.Min(120, File.ReadAllText($"/proc/{pid}/cmdline").Length)]} children [{children}]";
    }

    private static int ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid" or "container.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, out var pid) => pid,
            var other => throw new InvalidOperationException($"No process id in the snapshot ({other})."),
        };
}
