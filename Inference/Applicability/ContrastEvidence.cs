using System.Text.RegularExpressions;
using HeadCt.Imaging.Selection;

namespace HeadCt.Inference.Applicability;

/// <summary>
/// Whether a series is recorded as contrast-enhanced: the Contrast/Bolus Module (Agent, Agent Sequence, Route; PS3.3
/// C.7.6.4) first, then the series, protocol and study descriptions (e.g. "C+", "W/ CONTRAST", "CTA", "ANGIO" against
/// "WO CONTRAST", "NON-CON", "PLAIN"). A description that names both ("W/WO") decides nothing. Only what is recorded
/// counts: an unlabelled contrast study is not recognised from its pixels.
/// </summary>
public static partial class ContrastEvidence
{
    public static (bool? Contrast, string Evidence) Find(IReadOnlyList<AcquisitionAttributes> instances)
    {
        foreach (var a in instances)
        {
            if (Recorded(a.ContrastBolusAgent))
                return (true, "Contrast/Bolus Agent (0018,0010) is recorded");
            if (a.HasContrastAgentSequence)
                return (true, "Contrast/Bolus Agent Sequence (0018,0012) is recorded");
            if (Recorded(a.ContrastBolusRoute))
                return (true, "Contrast/Bolus Route (0018,1040) is recorded");
        }
        var first = instances.Count > 0 ? instances[0] : AcquisitionAttributes.None;
        foreach (var (text, where) in new[] { (first.SeriesDescription, "series"), (first.ProtocolName, "protocol"), (first.StudyDescription, "study") })
        {
            switch (Classify(text))
            {
                case true:
                    return (true, $"the {where} description names contrast");
                case false:
                    return (false, $"the {where} description says without contrast");
            }
        }
        return (null, "no contrast agent is recorded and no description names contrast");
    }

    /// <summary>True for contrast, false for explicitly none, null when the text says neither (or both).</summary>
    public static bool? Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var upper = text.ToUpperInvariant();
        if (Both().IsMatch(upper))
            return null;
        var without = Without().IsMatch(upper);
        var with = With().IsMatch(Without().Replace(upper, " "));
        return (with, without) switch
        {
            (true, true) => null,
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };
    }

    private static bool Recorded(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().ToUpperInvariant() is not ("NONE" or "NO" or "N/A" or "NA" or "-" or "0");

    [GeneratedRegex(@"\bW\s*(/|AND|&|\+)\s*W/?O\b|\bWITH\s+AND\s+WITHOUT\b")]
    private static partial Regex Both();

    [GeneratedRegex(@"\b(W/?O|WITHOUT|NO)\b[\s/]*(IV\s+)?(CONTRAST|CONT|CON)?\b|\bNON[- ]?CON(TRAST)?\b|\bPLAIN\b|\bNATIVE?\b|\bUNENHANCED\b|\bNCCT\b|\bNC\b")]
    private static partial Regex Without();

    [GeneratedRegex(@"\bC\+|\+C\b|\bW/?\s*(IV\s+)?CONTRAST\b|\bWITH\s+(IV\s+)?CONTRAST\b|\bCONTRAST\b|\bCTA\b|\bANGIO|\bPOST[- ]?CON|\bENHANCED\b")]
    private static partial Regex With();
}
