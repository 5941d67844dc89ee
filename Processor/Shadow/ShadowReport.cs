using HeadCt.Processor.Results;

namespace HeadCt.Processor.Shadow;

/// <summary>
/// A shadow model beside the primary, study by study: both outputs, the reviewer's decision when there is one, and
/// agreement figures. The reviewer judges the primary's finding, so "agree" makes the primary's decision the reference
/// and "disagree" its opposite; "uncertain" and unreviewed studies have no reference.
/// </summary>
public sealed record ShadowReport(string Model, int Studies, AgreementFigures WithPrimary, ReviewFigures WithReviewer, IReadOnlyList<ShadowReportRow> Rows)
{
    public static ShadowReport Build(string model, IEnumerable<ResultDocument> documents)
    {
        var rows = new List<ShadowReportRow>();
        foreach (var document in documents)
        {
            // A study the primary does not apply to has no finding to compare with.
            if (document.Status != ResultStatus.Completed || document.Prediction is not { Probability: { } probability, Positive: { } positive } primary
                || document.Shadow.FirstOrDefault(shadow => shadow.Model.Name == model) is not { } shadowed)
                continue;
            var review = document.Metadata.Review?.Decision;
            bool? reference = review switch { "agree" => positive, "disagree" => !positive, _ => null };
            rows.Add(new ShadowReportRow(document.Id, document.CompletedAt,
                new ModelOutput(primary.Model.Name, primary.Model.Version, probability, positive),
                new ModelOutput(shadowed.Model.Name, shadowed.Model.Version, shadowed.Probability, shadowed.Positive),
                review, reference));
        }

        rows.Sort((a, b) => Nullable.Compare(b.CompletedAt, a.CompletedAt));
        var agreeing = rows.Count(row => row.Primary.Positive == row.Shadow.Positive);
        var referenced = rows.Where(row => row.Reference is not null).ToList();
        return new ShadowReport(model, rows.Count, new AgreementFigures(agreeing, Fraction(agreeing, rows.Count)),
            new ReviewFigures(referenced.Count,
                Fraction(referenced.Count(row => row.Primary.Positive == row.Reference), referenced.Count),
                Fraction(referenced.Count(row => row.Shadow.Positive == row.Reference), referenced.Count)),
            rows);
    }

    private static double? Fraction(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

public sealed record ShadowReportRow(string Id, DateTimeOffset? CompletedAt, ModelOutput Primary, ModelOutput Shadow, string? Review, bool? Reference);

public sealed record ModelOutput(string Model, string Version, double Probability, bool Positive);

/// <summary>How many studies the shadow's decision matches the primary's, and the fraction.</summary>
public sealed record AgreementFigures(int Agreeing, double? Fraction);

/// <summary>Studies with a reviewer reference, and the fraction each model's decision matches it.</summary>
public sealed record ReviewFigures(int Reviewed, double? PrimaryAccuracy, double? ShadowAccuracy);
