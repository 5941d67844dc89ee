using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeadCt.Processor;

/// <summary>The one JSON shape of the processor: camelCase (web defaults), enums as camelCase strings.</summary>
public static class ProcessorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>An enum value as it appears in JSON.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
