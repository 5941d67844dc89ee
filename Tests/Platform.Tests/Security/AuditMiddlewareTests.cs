using System.Security.Claims;
using System.Text;
using System.Text.Json;
using HeadCt.Gateway.Audit;
using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeadCt.Platform.Tests.Security;

/// <summary>The trail's failure rule: no answer leaves without its record (decided: fail with 503, documented in README).</summary>
public sealed class AuditMiddlewareTests
{
    private const string StudyId = "00112233445566778899aabbccddeeff";
    private const string Document = """{"id":"00112233445566778899aabbccddeeff","status":"completed"}""";

    [Fact]
    public async Task GivenTheTrailCannotBeWritten_WhenAResultIsRead_Then503AuditUnavailableAndTheDocumentIsWithheld()
    {
        var trail = new RecordingTrail { Failure = new StorageUnavailableException("down", new TimeoutException()) };
        var context = NewContext("GET", $"/results/{StudyId}", "/results/{id}");

        await Run(trail, context);

        var body = Body(context);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(AuditMiddleware.UnavailableType, JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain("completed", body);
    }

    [Fact]
    public async Task GivenTheTrailIsWritten_WhenAResultIsRead_ThenTheDocumentPassesAndTheEventNamesActorActionStudyAndStatus()
    {
        var trail = new RecordingTrail();
        var context = NewContext("GET", $"/results/{StudyId}", "/results/{id}");

        await Run(trail, context);

        Assert.Equal(Document, Body(context));
        var recorded = Assert.Single(trail.Events);
        Assert.Equal(("key-a", "api-key", AuditActions.ViewResult, StudyId, 200),
            (recorded.Actor, recorded.Credential, recorded.Action, recorded.StudyId, recorded.Status));
    }

    [Fact]
    public async Task GivenTheTrailCannotBeWritten_WhenTheAnswerIsItselfAnError_ThenTheErrorPassesUnchanged()
    {
        var trail = new RecordingTrail { Failure = new StorageUnavailableException("down", new TimeoutException()) };
        var context = NewContext("GET", $"/results/{StudyId}", "/results/{id}");

        await Run(trail, context, StatusCodes.Status503ServiceUnavailable);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(Document, Body(context));
    }

    [Fact]
    public async Task GivenAnAnonymousRequest_WhenItPasses_ThenNothingIsRecorded()
    {
        var trail = new RecordingTrail();
        var context = NewContext("GET", $"/results/{StudyId}", "/results/{id}", authenticated: false);

        await Run(trail, context);

        Assert.Empty(trail.Events);
        Assert.Equal(Document, Body(context));
    }

    private static Task Run(RecordingTrail trail, HttpContext context, int status = StatusCodes.Status200OK) =>
        new AuditMiddleware(
                async http =>
                {
                    http.Response.StatusCode = status;
                    await http.Response.WriteAsync(Document);
                },
                trail, TimeProvider.System, NullLogger<AuditMiddleware>.Instance)
            .InvokeAsync(context);

    private static DefaultHttpContext NewContext(string method, string path, string pattern, bool authenticated = true)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.RouteValues["id"] = path[(path.LastIndexOf('/') + 1)..];
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, null, pattern));
        context.User = authenticated
            ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(GatewayClaims.Name, "key-a")],
                ApiKeyAuthenticationHandler.SchemeName, GatewayClaims.Name, GatewayClaims.Role))
            : new ClaimsPrincipal(new ClaimsIdentity());
        return context;
    }

    private static string Body(HttpContext context)
    {
        var stream = (MemoryStream)context.Response.Body;
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class RecordingTrail : IAuditTrail
    {
        public Exception? Failure { get; init; }

        public List<AuditEvent> Events { get; } = [];

        public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
        {
            if (Failure is not null)
            {
                return Task.FromException(Failure);
            }

            Events.Add(auditEvent);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditEvent>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? studyId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AuditEvent>>(Events);
    }
}
