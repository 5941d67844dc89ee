using System.Numerics;
using System.Numerics.Tensors;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Preprocessing;

/// <summary>One HU window into one channel: inside kept (or scaled to [0, 1]), outside set to 0 or clamped, vectorised.</summary>
public static class ChannelWindowing
{
    public static void Apply(ReadOnlySpan<float> hu, Span<float> channel, ChannelWindow window, bool scaleToUnit)
    {
        var (lower, upper) = (window.LowerHu, window.UpperHu);
        var scale = scaleToUnit ? 1f / (upper - lower) : 1f;
        var offset = scaleToUnit ? -lower * scale : 0f;
        if (!window.MaskOutside)
        {
            TensorPrimitives.Max(hu, lower, channel);
            TensorPrimitives.Min(channel, upper, channel);
            TensorPrimitives.Multiply(channel, scale, channel);
            TensorPrimitives.Add(channel, offset, channel);
            return;
        }
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (vLower, vUpper, vScale, vOffset) = (new Vector<float>(lower), new Vector<float>(upper), new Vector<float>(scale), new Vector<float>(offset));
            for (; i <= hu.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(hu.Slice(i));
                var inside = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(v, vLower), Vector.LessThanOrEqual(v, vUpper));
                Vector.ConditionalSelect(inside, v * vScale + vOffset, Vector<float>.Zero).CopyTo(channel.Slice(i));
            }
        }
        for (; i < hu.Length; i++)
        {
            var v = hu[i];
            channel[i] = v >= lower && v <= upper ? v * scale + offset : 0f;
        }
    }
}
