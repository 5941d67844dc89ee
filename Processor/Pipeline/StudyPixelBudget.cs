using HeadCt.Imaging.Selection;
using HeadCt.Services.Common.Imaging;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline;

/// <summary>
/// The gateway's pixel budget, checked again from the headers the job read, before anything is decoded: a study stored
/// under other limits (or by another writer) fails at once with the reason, instead of exhausting the processor's
/// memory or overflowing a size on the way.
/// </summary>
public sealed class StudyPixelBudget(IOptions<PixelBudgetOptions> options)
{
    /// <summary>Throws a permanent <see cref="PipelineException"/> naming the limit when the study does not fit.</summary>
    public void Check(IReadOnlyList<InstanceFile> instances)
    {
        var budget = new PixelBudget(options.Value);
        foreach (var instance in instances)
        {
            var header = instance.Header;
            if (budget.TryAdd(header.Rows, header.Columns, header.NumberOfFrames) is { } violation)
            {
                throw new PipelineException($"The study exceeds the pixel budget (PixelBudget:{violation.Limit}): {violation.Reason}")
                {
                    Permanent = true,
                };
            }
        }
    }
}
