using static HeadCt.Dicom.Codecs.Jpeg2000.J2kContextTables;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Significance propagation and magnitude refinement as raw bits, for the passes the selective arithmetic coding bypass
/// leaves uncoded (T.800 D.6). Rare in practice, so written for clarity rather than speed.
/// </summary>
internal sealed partial class J2kBlockDecoder
{
    private void SignificanceRaw(int plane)
    {
        var value = 3 << plane;
        for (var top = 0; top < height; top += 4)
        {
            var rows = Math.Min(4, height - top);
            for (var x = 0; x < width; x++)
            {
                ref var column = ref columns[FirstColumnOf(top) + x];
                for (var k = 0; k < rows; k++)
                {
                    int f = J2kStripeColumn.Flag(ref column, k);
                    if ((f & Significant) != 0 || (f & Neighbours) == 0)
                        continue;
                    if (raw.ReadBit() != 0)
                    {
                        J2kStripeColumn.BecomeSignificant(ref column, k, raw.ReadBit(), columnsPerStripe, causal);
                        J2kStripeColumn.Magnitude(ref column, k) = value;
                    }
                    J2kStripeColumn.Flag(ref column, k) |= Visited;
                }
            }
        }
    }

    private void RefinementRaw(int plane)
    {
        var half = 1 << plane;
        for (var top = 0; top < height; top += 4)
        {
            var rows = Math.Min(4, height - top);
            for (var x = 0; x < width; x++)
            {
                ref var column = ref columns[FirstColumnOf(top) + x];
                for (var k = 0; k < rows; k++)
                {
                    int f = J2kStripeColumn.Flag(ref column, k);
                    if ((f & (Significant | Visited)) != Significant)
                        continue;
                    J2kStripeColumn.Magnitude(ref column, k) += raw.ReadBit() != 0 ? half : -half;
                    J2kStripeColumn.Flag(ref column, k) = (ushort)(f | Refined);
                }
            }
        }
    }
}
