using System.Reflection;

namespace HeadCt.Deployment.Tests.Support;

/// <summary>The repository root (the folder holding Aspire.sln) and the Bicep compiler restored from NuGet.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>tools/bicep of the Azure.Bicep.CommandLine.linux-x64 package (its folder is baked in at build time).</summary>
    public static string Bicep
    {
        get
        {
            var package = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "BicepPackage").Value;
            return Path.Combine(package ?? "", "tools", "bicep");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("no Aspire.sln above " + AppContext.BaseDirectory);
    }
}
