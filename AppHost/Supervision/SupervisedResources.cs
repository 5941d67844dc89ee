namespace HeadCt.AppHost.Supervision;

/// <summary>The resources the supervisor restarts when they crash.</summary>
internal sealed class SupervisedResources(IEnumerable<string> names)
{
    private readonly HashSet<string> _names = new(names, StringComparer.Ordinal);

    public bool Contains(string name) => _names.Contains(name);

    public IEnumerable<string> Names => _names;
}
