using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Phantoms;

/// <summary>Beam hardening at the skull base and next to the skull (the noise is added per voxel by the generator).</summary>
internal sealed partial class HeadModel
{
    private double Artefacts(Vector3d p, double cavityDistance)
    {
        var hu = 0.0;
        if (cavityDistance < 0)
            hu += _artefacts.RimBrighteningHu * Math.Exp(cavityDistance / 4);
        var level = (p.Z - _petrousZ) / 10;
        if (level * level > 6)
            return hu;
        var weight = Math.Exp(-level * level);
        var (left, right) = (Middle(0), Middle(1));
        hu += _artefacts.HounsfieldBarHu * weight * Band(SegmentDistanceXy(p, left, right), 5);
        for (var i = 0; i < _artefacts.StreakAngles.Count; i++)
        {
            var origin = i % 2 == 0 ? left : right;
            var angle = _artefacts.StreakAngles[i];
            var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
            var (rx, ry) = (p.X - origin.X, p.Y - origin.Y);
            var across = Math.Abs(rx * dy - ry * dx);
            var along = Math.Abs(rx * dx + ry * dy);
            hu += _artefacts.StreakHu * weight * Band(across, 1.3) * Math.Exp(-along / 70);
        }
        return hu;
    }

    private Vector3d Middle(int side) => (_petrousLateral[side] + _petrousMedial[side]) * 0.5;

    private static double Band(double distance, double width) => Math.Exp(-(distance / width) * (distance / width));

    private static double SegmentDistanceXy(Vector3d p, Vector3d a, Vector3d b)
    {
        var (abx, aby) = (b.X - a.X, b.Y - a.Y);
        var t = Math.Clamp(((p.X - a.X) * abx + (p.Y - a.Y) * aby) / (abx * abx + aby * aby), 0, 1);
        var (dx, dy) = (p.X - (a.X + abx * t), p.Y - (a.Y + aby * t));
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
