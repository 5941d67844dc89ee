namespace HeadCt.Imaging.Volume;

/// <summary>An instance of the chosen series left out of the volume because its pixel data could not be decoded.</summary>
public sealed record SkippedInstance(string File, string? SopInstanceUid, string Reason);
