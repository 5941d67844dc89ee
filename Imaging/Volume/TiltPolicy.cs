namespace HeadCt.Imaging.Volume;

/// <summary>What to do with a gantry-tilted series, whose slice normal is not parallel to the direction the slices are stacked in.</summary>
public enum TiltPolicy
{
    /// <summary>Default: resample onto an orthogonal grid along the slice normal (each slice shifted in-plane to where it really lies).</summary>
    Correct,

    /// <summary>Fail with <see cref="ImagingErrorKind.GantryTiltRefused"/>.</summary>
    Refuse,
}
