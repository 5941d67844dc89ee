using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeadCt.Gateway;

/// <summary>The one JSON shape of the gateway: camelCase (web defaults), enums as camelCase strings.</summary>
public static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
