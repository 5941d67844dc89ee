using HeadCt.Processor.Problems;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;

namespace HeadCt.Processor.Apis;

/// <summary>
/// Projections and attention maps. No stage renders them yet, so a completed study answers 404 "not-rendered":
/// a precise statement about this version, not a missing route.
/// </summary>
public static class RenderingsApi
{
    public static IEndpointRouteBuilder MapRenderingsApi(this IEndpointRouteBuilder app)
    {
        var renderings = app.MapGroup("").WithTags("Renderings");
        Map(renderings, "projections", "GetProjections");
        Map(renderings, "attention-maps", "GetAttentionMaps");
        return app;
    }

    private static void Map(RouteGroupBuilder group, string kind, string name) =>
        group.MapGet($"/{kind}/{{id}}", async (string id, IResultStore results, CancellationToken cancellationToken) =>
            {
                if (!StudyId.IsValid(id) || await results.GetAsync(id, cancellationToken) is not { } stored)
                {
                    return ProcessorProblems.StudyNotFound(id);
                }

                var status = stored.Document.Status;
                return status == ResultStatus.Completed
                    ? ProcessorProblems.NotRendered(id, kind.Replace('-', ' '))
                    : ProcessorProblems.NotCompleted(id, status);
            })
            .WithName(name)
            .WithSummary($"The study's {kind.Replace('-', ' ')}: 409 until completed; this version renders none (404 not-rendered).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
