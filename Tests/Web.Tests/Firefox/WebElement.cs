using System.Text.Json;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>An element of the page as WebDriver names it between commands (W3C WebDriver §12.1, web element reference).</summary>
public sealed record WebElement(string Id)
{
    public const string ReferenceKey = "element-6066-11e4-a52e-4f735466cecf";

    /// <summary>The JSON object that stands for this element in script arguments.</summary>
    public IReadOnlyDictionary<string, string> Reference => new Dictionary<string, string> { [ReferenceKey] = Id };

    public static WebElement FromReference(JsonElement reference) => new(reference.GetProperty(ReferenceKey).GetString()!);
}
