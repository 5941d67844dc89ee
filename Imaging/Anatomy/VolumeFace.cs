namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// How much of the intracranial cavity lies on one face of the volume box, i.e. where the field of view cuts it.
/// <see cref="Side"/> names the patient direction the face looks towards (left, right, anterior, posterior, superior,
/// inferior); <see cref="FractionOfLargestSection"/> is the cavity's area on the face over its largest cross-section
/// parallel to it (0 where the cavity ends inside the volume, near 1 where it is cut through its widest part).
/// </summary>
public sealed record VolumeFace(string Side, double ContactMm2, double FractionOfLargestSection);
