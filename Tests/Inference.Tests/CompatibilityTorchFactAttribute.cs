namespace HeadCt.Inference.Tests;

/// <summary>A fact that needs PyTorch at test time; skipped with the reason when <see cref="CompatibilityPython"/> lacks it.</summary>
public sealed class CompatibilityTorchFactAttribute : FactAttribute
{
    public CompatibilityTorchFactAttribute()
    {
        if (CompatibilityPython.MissingReason is { } reason)
            Skip = reason;
    }
}
