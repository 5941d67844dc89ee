using Microsoft.Extensions.Configuration;

namespace HeadCt.AppHost.LocalServices;

/// <summary>How storage and cache run on a developer machine or in CI.</summary>
internal enum LocalServicesMode
{
    /// <summary>Containers when a container runtime answers, executables otherwise.</summary>
    Auto,
    Containers,
    Executables,
}

/// <summary>Which Redis-protocol server runs the cache as an executable.</summary>
internal enum CacheServerKind
{
    /// <summary>redis-server when it is on PATH, Garnet otherwise.</summary>
    Auto,
    RedisServer,
    Garnet,
}

/// <summary>The <c>LocalServices</c> configuration section of the AppHost.</summary>
internal sealed record LocalServicesSettings(
    LocalServicesMode Mode,
    CacheServerKind CacheServer,
    string DataDirectory)
{
    public const string SectionName = "LocalServices";
    private const string DefaultDataDirectory = ".data";

    public static LocalServicesSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(SectionName);
        var dataDirectory = section["DataDirectory"];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataDirectory = DefaultDataDirectory;
        }

        return new LocalServicesSettings(
            ParseEnum(section, "Mode", LocalServicesMode.Auto),
            ParseEnum(section, "CacheServer", CacheServerKind.Auto),
            Path.GetFullPath(dataDirectory, appHostDirectory));
    }

    private static TEnum ParseEnum<TEnum>(IConfigurationSection section, string key, TEnum fallback)
        where TEnum : struct, Enum
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // Accept the kebab-case spelling used in docs ("redis-server") as well as the enum name.
        if (Enum.TryParse<TEnum>(text.Replace("-", string.Empty), ignoreCase: true, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>());
        throw new InvalidOperationException(
            $"Configuration '{SectionName}:{key}' has the value '{text}'; expected one of: {allowed}.");
    }
}
