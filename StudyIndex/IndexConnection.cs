namespace HeadCt.StudyIndex;

/// <summary>The index's connection string (ConnectionStrings:index), kept for what needs more than the pooled data source: migrations.</summary>
public sealed record IndexConnection(string ConnectionString)
{
    public const string Name = "index";
}
