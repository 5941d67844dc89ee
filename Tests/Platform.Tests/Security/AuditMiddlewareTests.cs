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

/// <summary>
/// The trail's failure rules (README, Audit trail): a read is not answered without its record (503); a change that was
/// made is answered as it is, its event kept for retry; every event that could not be stored goes to the outbox.
/// </summary>
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

    /// <summary>Issue 16: an upload was stored while its client got 503 and no id; the change is now answered with its result.</summary>
    [Fact]
    public async Task GivenTheTrailCannotBeWritten_WhenAChangeSucceeded_ThenItsAnswerPassesAndTheEventIsKeptForRetry()
    {
        var trail = new RecordingTrail { Failure = new StorageUnavailableException("down", new TimeoutException()) };
        var context = NewContext("PUT", $"/results/{StudyId}", "/results/{id}");

        await Run(trail, context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(Document, Body(context));
        var deferred = Assert.Single(trail.Deferred);
        Assert.Equal((AuditActions.Review, 200), (deferred.Action, deferred.Status));
    }

    [Fact]
    public async Task GivenTheTrailCannotBeWritten_WhenAReadIsWithheld_ThenTheKeptEventSaysItWasAnswered503()
    {
        var trail = new RecordingTrail { Failure = new StorageUnavailableException("down", new TimeoutException()) };

        await Run(trail, NewContext("GET", $"/results/{StudyId}", "/results/{id}"));

        Assert.Equal(503, Assert.Single(trail.Deferred).Status);
    }

    [Fact]
    public async Task GivenTheClientHangsUp_WhenItsEventIsAppended_ThenTheAppendIsNotCancelled()
    {
        var trail = new RecordingTrail();
        var context = NewContext("DELETE", $"/results/{StudyId}", "/results/{id}");
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;
        aborted.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(trail, context));

        Assert.Equal(AuditActions.Delete, Assert.Single(trail.Events).Action);
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

        public List<AuditEvent> Deferred { get; } = [];

        public Task AppendAsync(AuditEvent auditEvent)
        {
            if (Failure is not null)
            {
                return Task.FromException(Failure);
            }

            Events.Add(auditEvent);
            return Task.CompletedTask;
        }

        public void Defer(AuditEvent auditEvent) => Deferred.Add(auditEvent);

        public IAsyncEnumerable<(AuditEvent Event, AuditCursor Next)> ReadAsync(AuditQuery query, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
