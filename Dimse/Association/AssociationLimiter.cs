namespace HeadCt.Dimse.Association;

/// <summary>
/// Bounds the associations one SCP serves at once; a request beyond the bound is answered A-ASSOCIATE-RJ transient,
/// service-provider (presentation), local-limit-exceeded (PS3.8 Table 9-21).
/// </summary>
public sealed class AssociationLimiter(int maxAssociations)
{
    private int _active;

    public int Active => Volatile.Read(ref _active);

    public int Max { get; } = maxAssociations;

    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _active);
            if (current >= Max)
                return false;
            if (Interlocked.CompareExchange(ref _active, current + 1, current) == current)
                return true;
        }
    }

    public void Exit() => Interlocked.Decrement(ref _active);
}
