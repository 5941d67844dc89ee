using HeadCt.Gateway.Features.DicomWeb;
using HeadCt.Gateway.Features.DicomWeb.Qido;
using HeadCt.Gateway.Features.DicomWeb.Stow;
using HeadCt.Gateway.Features.DicomWeb.Wado;
using HeadCt.StudyIndex.Attributes;

namespace HeadCt.Gateway.Apis;

/// <summary>DICOMweb (PS3.18) under /dicom-web: QIDO-RS, WADO-RS and STOW-RS, with the gateway's credentials and roles.</summary>
public static class DicomWebApi
{
    private const string Study = "/studies/{study}";
    private const string Series = Study + "/series/{series}";
    private const string Instance = Series + "/instances/{instance}";

    public static IEndpointRouteBuilder MapDicomWebApi(this IEndpointRouteBuilder app)
    {
        var dicomWeb = app.MapGroup("/dicom-web").WithTags("DICOMweb").RequireCors(DicomWebOptions.CorsPolicy);

        dicomWeb.MapGet("/studies", (HttpContext context, QidoHandler qido, CancellationToken token) => qido.SearchAsync(context, QidoLevel.Study, null, null, token))
            .WithName("SearchForStudies").WithSummary("QIDO-RS: studies matching the query (DICOM JSON).");
        dicomWeb.MapGet("/series", (HttpContext context, QidoHandler qido, CancellationToken token) => qido.SearchAsync(context, QidoLevel.Series, null, null, token))
            .WithName("SearchForAllSeries").WithSummary("QIDO-RS: series of any study matching the query.");
        dicomWeb.MapGet("/instances", (HttpContext context, QidoHandler qido, CancellationToken token) => qido.SearchAsync(context, QidoLevel.Instance, null, null, token))
            .WithName("SearchForAllInstances").WithSummary("QIDO-RS: instances of any study matching the query.");
        dicomWeb.MapGet(Study + "/series", (HttpContext context, string study, QidoHandler qido, CancellationToken token) => qido.SearchAsync(context, QidoLevel.Series, study, null, token))
            .WithName("SearchForStudySeries").WithSummary("QIDO-RS: series of one study.");
        dicomWeb.MapGet(Study + "/instances", (HttpContext context, string study, QidoHandler qido, CancellationToken token) => qido.SearchAsync(context, QidoLevel.Instance, study, null, token))
            .WithName("SearchForStudyInstances").WithSummary("QIDO-RS: instances of one study.");
        dicomWeb.MapGet(Series + "/instances", (HttpContext context, string study, string series, QidoHandler qido, CancellationToken token) => qido.SearchAsync(context, QidoLevel.Instance, study, series, token))
            .WithName("SearchForSeriesInstances").WithSummary("QIDO-RS: instances of one series.");

        dicomWeb.MapGet(Study, (HttpContext context, string study, WadoHandler wado, CancellationToken token) => wado.RetrieveAsync(context, study, null, null, token))
            .WithName("RetrieveStudy").WithSummary("WADO-RS: every instance of the study (multipart/related; type=\"application/dicom\").");
        dicomWeb.MapGet(Series, (HttpContext context, string study, string series, WadoHandler wado, CancellationToken token) => wado.RetrieveAsync(context, study, series, null, token))
            .WithName("RetrieveSeries").WithSummary("WADO-RS: every instance of the series.");
        dicomWeb.MapGet(Instance, (HttpContext context, string study, string series, string instance, WadoHandler wado, CancellationToken token) => wado.RetrieveAsync(context, study, series, instance, token))
            .WithName("RetrieveInstance").WithSummary("WADO-RS: one instance.");
        dicomWeb.MapGet(Study + "/metadata", (HttpContext context, string study, WadoHandler wado, CancellationToken token) => wado.MetadataAsync(context, study, null, null, token))
            .WithName("RetrieveStudyMetadata").WithSummary("WADO-RS: the study's metadata (DICOM JSON, bulk data by BulkDataURI).");
        dicomWeb.MapGet(Series + "/metadata", (HttpContext context, string study, string series, WadoHandler wado, CancellationToken token) => wado.MetadataAsync(context, study, series, null, token))
            .WithName("RetrieveSeriesMetadata").WithSummary("WADO-RS: the series' metadata.");
        dicomWeb.MapGet(Instance + "/metadata", (HttpContext context, string study, string series, string instance, WadoHandler wado, CancellationToken token) => wado.MetadataAsync(context, study, series, instance, token))
            .WithName("RetrieveInstanceMetadata").WithSummary("WADO-RS: one instance's metadata.");
        dicomWeb.MapGet(Instance + "/frames/{frames}", (HttpContext context, string study, string series, string instance, string frames, WadoHandler wado, CancellationToken token) => wado.FramesAsync(context, study, series, instance, frames, token))
            .WithName("RetrieveFrames").WithSummary("WADO-RS: frames (1-based, comma-separated) as stored or decoded to Explicit VR Little Endian.");
        dicomWeb.MapGet(Instance + "/bulkdata/{tag}", (HttpContext context, string study, string series, string instance, string tag, WadoHandler wado, CancellationToken token) => wado.BulkDataAsync(context, study, series, instance, tag, token))
            .WithName("RetrieveBulkData").WithSummary("WADO-RS: the value of a top-level binary attribute named by a metadata BulkDataURI.");
        dicomWeb.MapGet(Instance + "/rendered", (HttpContext context, string study, string series, string instance, WadoHandler wado, CancellationToken token) => wado.RenderedAsync(context, study, series, instance, null, token))
            .WithName("RetrieveRenderedInstance").WithSummary("WADO-RS: the first frame as JPEG or PNG (?window=center,width[,function]&quality=).");
        dicomWeb.MapGet(Instance + "/frames/{frame}/rendered", (HttpContext context, string study, string series, string instance, string frame, WadoHandler wado, CancellationToken token) => wado.RenderedAsync(context, study, series, instance, frame, token))
            .WithName("RetrieveRenderedFrame").WithSummary("WADO-RS: one frame as JPEG or PNG.");

        dicomWeb.MapPost("/studies", (HttpContext context, StowHandler stow, CancellationToken token) => stow.StoreAsync(context, null, token))
            .WithName("StoreInstances").WithSummary("STOW-RS: store instances (multipart/related; type=\"application/dicom\"); processed like an upload.");
        dicomWeb.MapPost(Study, (HttpContext context, string study, StowHandler stow, CancellationToken token) => stow.StoreAsync(context, study, token))
            .WithName("StoreStudyInstances").WithSummary("STOW-RS: store instances of one study; others fail with 0xA900.");
        return app;
    }
}
