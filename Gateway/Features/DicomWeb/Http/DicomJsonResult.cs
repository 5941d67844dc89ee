namespace HeadCt.Gateway.Features.DicomWeb.Http;

/// <summary>A DICOM JSON Model body (application/dicom+json) with a status code.</summary>
public sealed class DicomJsonResult(ReadOnlyMemory<byte> json, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string MediaType = "application/dicom+json";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = MediaType;
        httpContext.Response.ContentLength = json.Length;
        await httpContext.Response.Body.WriteAsync(json, httpContext.RequestAborted);
    }
}
