using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Storage;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary>Images derived from a completed study: maximum-intensity projections and attention maps.</summary>
public static class RenderingsApi
{
    public static IEndpointRouteBuilder MapRenderingsApi(this IEndpointRouteBuilder app)
    {
        var renderings = app.MapGroup("").WithTags("Renderings");
        Map(renderings, "projections", "GetProjections", "The study's projection images.");
        Map(renderings, "attention-maps", "GetAttentionMaps", "The model's attention maps over the study.");
        return app;
    }

    private static void Map(RouteGroupBuilder group, string kind, string name, string summary) =>
        group.MapGet($"/{kind}/{{id}}", (string id, ProcessorClient processor, CancellationToken cancellationToken) =>
                StudyId.IsValid(id)
                    ? ResultsApi.ProxyAsync(() => processor.GetRenderingAsync(kind, id, cancellationToken))
                    : Task.FromResult(StudyNotFound(id)))
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
