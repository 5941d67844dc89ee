using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// The anatomy of one <see cref="HeadPhantomSpec"/> as a function of position (mm, head coordinates: +x left,
/// +y posterior, +z superior, origin at the centre of the skull): HU and the lesion's partial-volume fraction.
/// Landmarks are placed once from the skull's size; the parts live in partial files by region (cranium and skull
/// base, face and neck, the intracranial contents, scan artefacts).
/// </summary>
internal sealed partial class HeadModel
{
    private readonly HeadPhantomSpec _spec;
    private readonly HeadAnatomy _anatomy;
    private readonly ScanArtefacts _artefacts;

    /// <summary>Outer table (S) and inner table (B) semi-axes.</summary>
    private readonly Vector3d _s;
    private readonly Vector3d _b;

    /// <summary>Floors of the anterior fossa and of the middle fossa (centre and sides), z in mm.</summary>
    private readonly double _anteriorFloorZ;
    private readonly double _middleFloorCentreZ;
    private readonly double _middleFloorSideZ;

    private readonly double _petrousZ;
    private readonly Vector3d[] _petrousLateral;
    private readonly Vector3d[] _petrousMedial;

    /// <summary>Foramen magnum: its centre's y and radius; the spinal canal runs down from it.</summary>
    private readonly double _foramenY;
    private readonly double _foramenRadius;

    public HeadModel(HeadPhantomSpec spec)
    {
        _spec = spec;
        _anatomy = spec.Anatomy;
        _artefacts = spec.Artefacts;
        _s = spec.SkullSemiAxes;
        _b = spec.BrainSemiAxes;
        _anteriorFloorZ = -0.28 * _b.Z;
        _middleFloorCentreZ = -0.42 * _b.Z;
        _middleFloorSideZ = -0.64 * _b.Z;
        _petrousZ = -0.5 * _b.Z;
        _petrousLateral = [new Vector3d(0.7 * _b.X, 0.28 * _b.Y, _petrousZ), new Vector3d(-0.7 * _b.X, 0.28 * _b.Y, _petrousZ)];
        _petrousMedial = [new Vector3d(0.16 * _b.X, -0.04 * _b.Y, _petrousZ + 5), new Vector3d(-0.16 * _b.X, -0.04 * _b.Y, _petrousZ + 5)];
        _foramenY = 0.12 * _b.Y;
        _foramenRadius = 14;
    }

    /// <summary>HU at <paramref name="p"/> and the lesion fraction there; <paramref name="h"/> is the in-plane voxel size (partial volume).</summary>
    public (double Hu, double Lesion) Sample(Vector3d p, double h)
    {
        var skin = SkinDistance(p);
        var inHead = SoftShapes.Fraction(skin, h);
        if (inHead <= 0)
            return (PhantomHu.Air, 0);
        var hu = SoftShapes.Lerp(PhantomHu.Air, ExtracranialSoftTissue(p, skin), inHead);
        hu = FaceAndNeck(p, hu, h);
        var cavityDistance = CavityDistance(p);
        hu = SoftShapes.Lerp(hu, BoneHu(p), SoftShapes.Fraction(BoneDistance(p, cavityDistance), h));
        hu = SkullBaseAirSpaces(p, hu, h);
        var lesion = 0.0;
        var cavity = SoftShapes.Fraction(cavityDistance, h);
        if (cavity > 0)
        {
            var (tissue, lesionFraction) = Intracranial(p, cavityDistance, h);
            lesion = lesionFraction * cavity;
            hu = SoftShapes.Lerp(hu, tissue, cavity);
        }
        return (hu + Artefacts(p, cavityDistance) * inHead, lesion);
    }
}
