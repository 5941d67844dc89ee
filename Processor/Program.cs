using HeadCt.Processor.Shadow;
using HeadCt.Processor.Apis;
using HeadCt.Processor.Extensions;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Security;
using HeadCt.Services.Common.Problems;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddProcessorAuthentication();

var app = builder.Build();

app.UseHeadCtProblemDetails();
app.UseProcessorAuthentication();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();

app.MapProcessApi();
app.MapResultsApi();
app.MapDicomResultsApi();
app.MapShadowReportApi();
app.MapRenderingsApi();
app.MapAttentionApi();

app.Run();
