namespace HeadCt.Processor.Apis;

/// <summary>What every image endpoint can answer, for the OpenAPI document: a PNG, 304 on a matching ETag, or a problem.</summary>
internal static class PngEndpointMetadata
{
    public static RouteHandlerBuilder ProducesPng(this RouteHandlerBuilder endpoint) =>
        endpoint
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
