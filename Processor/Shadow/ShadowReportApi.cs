using Azure.Storage.Blobs.Models;
using HeadCt.Processor.Results;
using HeadCt.Services.Common.Storage;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace HeadCt.Processor.Shadow;

/// <summary><c>GET /models/{name}/shadow-report?limit=</c>: the shadow model beside the primary over the stored results.</summary>
public static class ShadowReportApi
{
    public const int MaxStudies = 2000;

    public static IEndpointRouteBuilder MapShadowReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/models/{name}/shadow-report", GetAsync)
            .WithTags("Models")
            .WithName("GetShadowReport")
            .WithSummary("Per study the shadow model's output beside the primary's and the reviewer's decision, with agreement figures (at most `limit` studies, 2000).")
            .Produces<ShadowReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> GetAsync(string name, int? limit, ResultsContainer container, CancellationToken cancellationToken)
    {
        var max = limit ?? MaxStudies;
        if (max is < 1 or > MaxStudies)
            return Problems.ProcessorProblems.InvalidRequest($"limit must be 1–{MaxStudies}.");
        var results = await container.GetAsync(cancellationToken);
        var documents = new List<ResultDocument>();
        await StorageCalls.Run(async () =>
        {
            await foreach (var item in results.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
            {
                if (documents.Count >= max)
                    break;
                if (!item.Name.EndsWith("/result.json", StringComparison.Ordinal))
                    continue;
                var content = (await results.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content;
                if (content.ToObjectFromJson<ResultDocument>(ProcessorJson.Options) is { } document)
                    documents.Add(document);
            }
        });
        return HttpResults.Json(ShadowReport.Build(name, documents), ProcessorJson.Options);
    }
}
