namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>The AppHost's resource names (fixed: the services read ConnectionStrings:storage and :cache).</summary>
public static class ResourceNames
{
    public const string Storage = "storage";
    public const string Cache = "cache";
    public const string Processor = "processor";
    public const string Gateway = "gateway";

    public static readonly IReadOnlyList<string> All = [Storage, Cache, Processor, Gateway];
}
