using System.Globalization;
using HeadCt.Imaging.Selection;

namespace HeadCt.Inference.Applicability;

/// <summary>
/// The patient's age in years: Patient's Age (0010,1010), an Age String nnnD/W/M/Y (PS3.5 Table 6.2-1), else Patient's
/// Birth Date (0010,0030) to the Study (or Acquisition) Date. Null when neither is recorded or readable.
/// </summary>
public static class PatientAge
{
    public static double? Years(IReadOnlyList<AcquisitionAttributes> instances)
    {
        foreach (var a in instances)
        {
            if (FromAgeString(a.PatientAge) is { } age)
                return age;
        }
        foreach (var a in instances)
        {
            if (Date(a.PatientBirthDate) is { } birth && (Date(a.StudyDate) ?? Date(a.AcquisitionDate)) is { } study && study >= birth)
                return (study.DayNumber - birth.DayNumber) / 365.2425;
        }
        return null;
    }

    public static double? FromAgeString(string? value)
    {
        if (value is not { Length: 4 } || !int.TryParse(value.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return null;
        return char.ToUpperInvariant(value[3]) switch
        {
            'D' => n / 365.2425,
            'W' => n * 7 / 365.2425,
            'M' => n / 12.0,
            'Y' => n,
            _ => null,
        };
    }

    /// <summary>A whole year, or "≥ 90" (ages of 90 and above are reported together, as de-identification rules group them).</summary>
    public static string Describe(double years) => years >= 90 ? "≥ 90 years"
        : years >= 2 ? $"{Math.Floor(years).ToString(CultureInfo.InvariantCulture)} years"
        : $"{Math.Floor(years * 12).ToString(CultureInfo.InvariantCulture)} months";

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
