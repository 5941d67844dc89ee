namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The order packets follow in a tile (T.800 B.12): the five progression orders, each progression of a POC marker
/// bounded by its layer, resolution and component ranges, a packet already read being skipped when met again.
/// Position-driven orders meet precincts by their upper-left corner on the reference grid.
/// </summary>
internal static class J2kProgression
{
    /// <summary>Calls <paramref name="packet"/> (component, resolution, precinct, layer) in codestream order until it returns false.</summary>
    public static void Visit(J2kTileComponent[] components, int layers, IReadOnlyList<J2kProgressionChange> progressions,
        Func<int, int, int, int, bool> packet)
    {
        foreach (var progression in progressions)
        {
            var layerEnd = Math.Min(progression.LayerEnd, layers);
            var componentEnd = Math.Min(progression.ComponentEnd, components.Length);
            var resolutionEnd = progression.ResolutionEnd;
            var maxResolutions = 0;
            foreach (var component in components)
                maxResolutions = Math.Max(maxResolutions, component.Resolutions.Length);
            resolutionEnd = Math.Min(resolutionEnd, maxResolutions);
            var rs = progression.ResolutionStart;
            var cs = progression.ComponentStart;

            bool Try(int c, int r, int p, int l)
            {
                var precinct = components[c].Resolutions[r].Precincts[p];
                if (precinct.NextLayer != l)
                    return true;
                precinct.NextLayer++;
                return packet(c, r, p, l);
            }

            switch (progression.Order)
            {
                case J2kProgressionOrder.Lrcp:
                    for (var l = 0; l < layerEnd; l++)
                        for (var r = rs; r < resolutionEnd; r++)
                            for (var c = cs; c < componentEnd; c++)
                            {
                                if (r >= components[c].Resolutions.Length)
                                    continue;
                                for (var p = 0; p < components[c].Resolutions[r].Precincts.Length; p++)
                                    if (!Try(c, r, p, l))
                                        return;
                            }
                    break;
                case J2kProgressionOrder.Rlcp:
                    for (var r = rs; r < resolutionEnd; r++)
                        for (var l = 0; l < layerEnd; l++)
                            for (var c = cs; c < componentEnd; c++)
                            {
                                if (r >= components[c].Resolutions.Length)
                                    continue;
                                for (var p = 0; p < components[c].Resolutions[r].Precincts.Length; p++)
                                    if (!Try(c, r, p, l))
                                        return;
                            }
                    break;
                case J2kProgressionOrder.Rpcl:
                    for (var r = rs; r < resolutionEnd; r++)
                    {
                        var entries = Collect(components, cs, componentEnd, r, r + 1);
                        entries.Sort(static (a, b) => Compare(a.Y, b.Y, a.X, b.X, a.C, b.C, 0, 0));
                        if (!VisitLayers(entries, layerEnd, Try))
                            return;
                    }
                    break;
                case J2kProgressionOrder.Pcrl:
                {
                    var entries = Collect(components, cs, componentEnd, rs, resolutionEnd);
                    entries.Sort(static (a, b) => Compare(a.Y, b.Y, a.X, b.X, a.C, b.C, a.R, b.R));
                    if (!VisitLayers(entries, layerEnd, Try))
                        return;
                    break;
                }
                default:
                    for (var c = cs; c < componentEnd; c++)
                    {
                        var entries = Collect(components, c, c + 1, rs, resolutionEnd);
                        entries.Sort(static (a, b) => Compare(a.Y, b.Y, a.X, b.X, a.R, b.R, 0, 0));
                        if (!VisitLayers(entries, layerEnd, Try))
                            return;
                    }
                    break;
            }
        }
    }

    /// <summary>The progression COD implies when no POC marker is present.</summary>
    public static J2kProgressionChange Default(J2kCodingStyle cod, int componentCount) =>
        new(0, 0, cod.Layers, 33, componentCount, cod.Progression);

    private static bool VisitLayers(List<Entry> entries, int layerEnd, Func<int, int, int, int, bool> tryPacket)
    {
        foreach (var entry in entries)
            for (var l = 0; l < layerEnd; l++)
                if (!tryPacket(entry.C, entry.R, entry.P, l))
                    return false;
        return true;
    }

    private static List<Entry> Collect(J2kTileComponent[] components, int c0, int c1, int r0, int r1)
    {
        var entries = new List<Entry>();
        for (var c = c0; c < c1; c++)
        {
            var resolutions = components[c].Resolutions;
            for (var r = r0; r < Math.Min(r1, resolutions.Length); r++)
            {
                var precincts = resolutions[r].Precincts;
                for (var p = 0; p < precincts.Length; p++)
                    entries.Add(new Entry(c, r, p, precincts[p].GridX, precincts[p].GridY));
            }
        }
        return entries;
    }

    private static int Compare(long y1, long y2, long x1, long x2, int a1, int a2, int b1, int b2)
    {
        var order = y1.CompareTo(y2);
        if (order != 0) return order;
        order = x1.CompareTo(x2);
        if (order != 0) return order;
        order = a1.CompareTo(a2);
        return order != 0 ? order : b1.CompareTo(b2);
    }

    private readonly record struct Entry(int C, int R, int P, long X, long Y);
}
