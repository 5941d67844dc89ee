namespace HeadCt.Web.Tests.Firefox;

/// <summary>An error answer of Marionette: the WebDriver error code ("no such element", "javascript error", …) and its message.</summary>
public sealed class MarionetteException(string command, string error, string message)
    : Exception($"{command} failed: {error}: {message}")
{
    public string Error { get; } = error;
}
