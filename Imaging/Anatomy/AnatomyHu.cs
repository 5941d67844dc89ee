namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// The HU bands the intracranial mask is cut with. Brain, CSF and acute blood lie in the soft band; cortical bone
/// (700–2000 HU) and the partial-volume rims of thin skull-base bone stay above <see cref="BoneAtLeast"/>; air in
/// sinuses, mastoids and outside the head lies below <see cref="AirBelow"/>, fat (−120…−60) between the two.
/// </summary>
public static class AnatomyHu
{
    public const float SoftTissueFrom = -20f;
    public const float SoftTissueTo = 120f;
    public const float BoneAtLeast = 250f;
    public const float AirBelow = -300f;
}
