namespace HeadCt.Processor.Attention;

/// <summary>
/// Attention (0..1 of the study's peak) → straight RGBA: transparent below <see cref="Floor"/>, then a ramp from blue
/// through yellow to red whose opacity grows with the attention, so weak attention never hides the anatomy under it.
/// </summary>
public static class HeatColourMap
{
    public const float Floor = 0.2f;
    public const float MaxAlpha = 0.85f;

    public static void Write(float relative, Span<byte> rgba)
    {
        if (!(relative > Floor))
        {
            rgba.Clear();
            return;
        }

        var t = Math.Min(1f, (relative - Floor) / (1 - Floor));
        var (r, g, b) = t < 0.5f
            ? (2 * t, 2 * t, 1 - 2 * t)
            : (1f, 2 - 2 * t, 0f);
        rgba[0] = ToByte(r);
        rgba[1] = ToByte(g);
        rgba[2] = ToByte(b);
        rgba[3] = ToByte(MaxAlpha * (0.35f + 0.65f * t));
    }

    private static byte ToByte(float unit) => (byte)Math.Clamp(MathF.Round(unit * 255), 0, 255);
}
