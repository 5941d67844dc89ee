using HeadCt.Gateway.Apis;
using HeadCt.Gateway.Audit;
using HeadCt.Gateway.Extensions;
using HeadCt.Gateway.Problems;
using HeadCt.Services.Common.Problems;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseHeadCtProblemDetails();

// The web page (wwwroot): its ES modules have no fingerprint in their names, so browsers revalidate them (304 by ETag).
app.UseDefaultFiles();
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache" });
// Authentication, then the audit trail (it records refusals too), then authorization.
app.UseAuthentication();
app.UseAuditTrail();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();

app.MapUploadApi();
app.MapResultsApi();
app.MapStudyListApi();
app.MapRenderingsApi();
app.MapAuditApi();
app.MapStudySendApi();

app.Run();
