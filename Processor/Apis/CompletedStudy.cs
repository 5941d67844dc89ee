using HeadCt.Processor.Problems;
using HeadCt.Processor.Results;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.Apis;

/// <summary>What every image route checks first: the study exists and its job has completed.</summary>
internal static class CompletedStudy
{
    /// <summary>The document of a completed study, or 404 (unknown) / 409 (not completed, with its status).</summary>
    public static async Task<(ResultDocument? Document, IResult? Problem)> GetAsync(
        string id, IResultStore results, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id) || await results.GetAsync(id, cancellationToken) is not { } stored)
        {
            return (null, ProcessorProblems.StudyNotFound(id));
        }

        var document = stored.Document;
        return document.Status == ResultStatus.Completed
            ? (document, null)
            : (null, ProcessorProblems.NotCompleted(id, document.Status));
    }
}
