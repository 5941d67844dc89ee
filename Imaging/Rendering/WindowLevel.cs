namespace HeadCt.Imaging.Rendering;

/// <summary>HU → 8-bit grey through the linear VOI LUT function of PS3.3 C.11.2.1.2.1, applied to HU (after the Modality LUT), never to stored values.</summary>
public static class WindowLevel
{
    public static void Apply(ReadOnlySpan<float> hu, Window window, Span<byte> grey)
    {
        var lower = window.Center - 0.5 - (window.Width - 1) / 2;
        var upper = window.Center - 0.5 + (window.Width - 1) / 2;
        var scale = (float)(255 / Math.Max(window.Width - 1, 1e-6));
        var offset = (float)(window.Center - 0.5);
        for (var i = 0; i < hu.Length; i++)
        {
            var x = hu[i];
            grey[i] = x <= lower ? (byte)0
                : x > upper ? (byte)255
                : (byte)Math.Clamp(((x - offset) * scale) + 127.5f, 0f, 255f);
        }
    }
}
