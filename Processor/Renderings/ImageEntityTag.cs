using System.Security.Cryptography;
using System.Text;
using HeadCt.Imaging.Rendering;
using HeadCt.Inference.Attention;
using HeadCt.Processor.Results;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// The strong ETag of a drawn image, known before it is drawn: drawing is deterministic, so the image is fixed by the
/// study, the completion it belongs to, the image's name and the build of the code that draws it. A 304 costs no drawing.
/// </summary>
public static class ImageEntityTag
{
    private static readonly string DrawingBuild = string.Join('/',
        new[] { typeof(ImageEntityTag), typeof(ProjectionRenderer), typeof(ClassActivationMap) }
            .Select(type => type.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    public static string Of(ResultDocument document, string image)
    {
        var identity = $"{document.Id}\n{document.CompletedAt:O}\n{image}\n{DrawingBuild}";
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16))}\"";
    }
}
