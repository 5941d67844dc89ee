namespace HeadCt.Imaging.Projections;

public enum AnatomicalPlane
{
    Axial,
    Coronal,
    Sagittal,
}

/// <summary>How the planes of a slab become one image: the centre plane alone, or the maximum, minimum or mean along the depth.</summary>
public enum ProjectionMode
{
    Plane,
    Mip,
    MinIp,
    Mean,
}
