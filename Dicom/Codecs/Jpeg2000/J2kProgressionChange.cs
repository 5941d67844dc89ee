namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>One progression of a POC marker, or the single progression COD implies (T.800 A.6.6).</summary>
internal readonly record struct J2kProgressionChange(
    int ResolutionStart, int ComponentStart, int LayerEnd, int ResolutionEnd, int ComponentEnd, J2kProgressionOrder Order)
{
    public static List<J2kProgressionChange> Parse(ref J2kSegmentReader reader, int componentCount)
    {
        var changes = new List<J2kProgressionChange>();
        var entrySize = componentCount < 257 ? 7 : 9;
        while (reader.Remaining >= entrySize)
        {
            var rs = reader.U8();
            var cs = reader.Component(componentCount);
            var lye = reader.U16();
            var re = reader.U8();
            var ce = reader.Component(componentCount);
            var order = reader.U8();
            if (order > 4)
                throw reader.Corrupt($"progression order {order} undefined");
            if (ce == 0 && componentCount >= 256)
                ce = 256; // CEpoc 0 means 256 in the one-byte form
            changes.Add(new J2kProgressionChange(rs, cs, lye, re, ce, (J2kProgressionOrder)order));
        }
        if (changes.Count == 0)
            throw reader.Corrupt("no progression");
        return changes;
    }
}
