namespace HeadCt.Inference.Models;

/// <summary>What every result names: which model, which version, which exact file.</summary>
public sealed record ModelIdentity(string Name, string Version, string Sha256);
