namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>The AppHost's resource names (fixed: the services read ConnectionStrings:storage and :cache).</summary>
public static class ResourceNames
{
    public const string Storage = "storage";
    public const string Cache = "cache";
    public const string Processor = "processor";
    public const string Gateway = "gateway";

    /// <summary>The PostgreSQL server of the study index (the services read its database as ConnectionStrings:index).</summary>
    public const string Postgres = "postgres";
    public const string Index = "index";

    public static readonly IReadOnlyList<string> All = [Storage, Cache, Postgres, Processor, Gateway];
}
