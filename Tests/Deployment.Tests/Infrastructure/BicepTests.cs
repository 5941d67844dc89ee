using System.Diagnostics;
using System.Text.Json;
using HeadCt.Deployment.Tests.Support;

namespace HeadCt.Deployment.Tests.Infrastructure;

/// <summary>
/// infra/ compiles and lints clean with the Bicep compiler from NuGet (Azure.Bicep.CommandLine.linux-x64), azd can fill
/// every parameter, and the compiled template holds what the deployment promises (no storage keys, queue-driven scaling
/// with the managed identity, the DICOM port).
/// </summary>
public class BicepTests
{
    private static readonly Lazy<(int ExitCode, string Output, string Errors)> Build =
        new(() => RunBicep("build", Path.Combine(RepositoryPaths.Infra, "main.bicep"), "--stdout"));

    [Fact]
    public void GivenInfra_WhenBicepBuilds_ThenItSucceedsWithoutErrorsOrWarnings()
    {
        var (exitCode, _, errors) = Build.Value;

        Assert.True(exitCode == 0, errors);
        Assert.Equal("", errors.Trim());
    }

    [Fact]
    public void GivenInfra_WhenBicepLints_ThenNoRuleReportsAnything()
    {
        var (exitCode, output, errors) = RunBicep("lint", Path.Combine(RepositoryPaths.Infra, "main.bicep"));

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal("", (output + errors).Trim());
    }

    [Fact]
    public void GivenMainParameters_WhenComparedWithTheTemplate_ThenEveryParameterWithoutDefaultIsSuppliedByAzd()
    {
        using var template = JsonDocument.Parse(Build.Value.Output);
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")));
        var supplied = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();

        var required = template.RootElement.GetProperty("parameters").EnumerateObject()
            .Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name).ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains(name, supplied));
        Assert.All(supplied, name => Assert.True(template.RootElement.GetProperty("parameters").TryGetProperty(name, out _), $"{name} is not a parameter of main.bicep"));
    }

    [Fact]
    public void GivenTheCompiledTemplate_WhenRead_ThenStorageHasNoKeysAndTheProcessorScalesOnTheJobQueueWithTheIdentity()
    {
        var json = Build.Value.Output;

        Assert.Contains("\"allowSharedKeyAccess\": false", json, StringComparison.Ordinal);
        Assert.Contains("\"azureQueue\"", json, StringComparison.Ordinal);
        Assert.Contains("\"queueName\"", json, StringComparison.Ordinal);
        Assert.Contains("\"jobQueue\": \"jobs\"", json, StringComparison.Ordinal); // the processor's StorageOptions.JobQueue default
        Assert.Contains("\"additionalPortMappings\"", json, StringComparison.Ordinal);
        Assert.Contains("11112", json, StringComparison.Ordinal);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", json, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", json, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Errors) RunBicep(params string[] arguments)
    {
        Assert.True(File.Exists(RepositoryPaths.Bicep), $"the Bicep compiler is not at {RepositoryPaths.Bicep} (NuGet restore of Azure.Bicep.CommandLine.linux-x64)");
        var start = new ProcessStartInfo(RepositoryPaths.Bicep, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Infra,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "bicep did not finish in 2 minutes");
        return (process.ExitCode, output, errors.Result);
    }
}
