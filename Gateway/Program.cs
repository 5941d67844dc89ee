using HeadCt.Gateway.Apis;
using HeadCt.Gateway.Audit;
using HeadCt.Gateway.Extensions;
using HeadCt.Gateway.Security;
using HeadCt.Gateway.Security.Limits;
using HeadCt.Services.Common.Problems;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseHeadCtProblemDetails();

// The web page (wwwroot): its ES modules have no fingerprint in their names, so browsers revalidate them (304 by ETag).
app.UseDefaultFiles();
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache" });
app.UseCors(); // before authentication: a browser's preflight carries no credential
// Authentication; then failed authentications and rate limits (refusals counted in the audit trail); then the audit
// trail (every request that got through, refusals by role included); then authorization.
app.UseAuthentication();
app.UseGatewayRateLimits();
app.UseAuditTrail();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();

app.MapUploadApi();
app.MapResultsApi();
app.MapDicomResultsApi();
app.MapStudyListApi();
app.MapRenderingsApi();
app.MapAuditApi();
app.MapStudySendApi();
app.MapDicomWebApi();
app.MapWorklistApi();
app.MapSignInApi();

app.Run();
