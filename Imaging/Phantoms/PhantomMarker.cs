using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Phantoms;

/// <summary>A sphere of uniform HU centred on a patient position (LPS, mm).</summary>
public sealed record PhantomMarker(Vector3d Position, double RadiusMm = 3, double Hu = 2000);
