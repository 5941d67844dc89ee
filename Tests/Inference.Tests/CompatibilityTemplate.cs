using System.Text.Json;
using System.Text.Json.Nodes;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Tests;

/// <summary>The committed manifest template of the original r3d_18 (models/r3d18), its placeholders swapped for values that parse.</summary>
internal static class CompatibilityTemplate
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryModels.Folder, "r3d18", "r3d18-hemorrhage.manifest.template.json");

    public static ModelManifest Read()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path))!;
        json["attention"]!["classWeights"] = new JsonArray(1f);
        return json.Deserialize<ModelManifest>(ManifestReader.Json)!;
    }
}
