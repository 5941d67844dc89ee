using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace HeadCt.Services.Common.Problems;

/// <summary>Turns exceptions that escaped an endpoint into problem details; never echoes exception text for 500s.</summary>
internal sealed partial class ExceptionProblemHandler(IProblemDetailsService problemDetails, ILogger<ExceptionProblemHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, title) = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (bad.StatusCode, ProblemTypes.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.ForStatus(bad.StatusCode), "The request is malformed."),
            StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.StorageUnavailable, "Storage is unavailable."),
            _ => (StatusCodes.Status500InternalServerError, ProblemTypes.InternalError, "An unexpected error occurred."),
        };
        if (status >= 500)
        {
            LogUnhandled(logger, context.Request.Path, exception);
        }

        context.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title },
        });
    }

    [LoggerMessage(1000, LogLevel.Error, "Unhandled exception on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string path, Exception exception);
}
