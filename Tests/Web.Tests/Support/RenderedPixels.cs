using System.Text.Json;
using Microsoft.Playwright;

namespace HeadCt.Web.Tests.Support;

/// <summary>
/// What an &lt;img&gt; of the page really shows: drawn into a canvas in the browser and summarised, so "not blank"
/// is decided by pixels rather than by the element being present.
/// </summary>
public sealed record RenderedPixels(int Width, int Height, double MeanLuma, double LumaVariance, double NonBlackShare, double OpaqueShare)
{
    // Luma by ITU-R BT.601; "non-black" above 8 of 255; "opaque" for the heat map's alpha above 8.
    private const string Measure = """
        (img) => {
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d');
          context.drawImage(img, 0, 0);
          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let sum = 0, sumSquares = 0, nonBlack = 0, opaque = 0;
          const count = data.length / 4;
          for (let i = 0; i < data.length; i += 4) {
            const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
            sum += luma;
            sumSquares += luma * luma;
            if (luma > 8) nonBlack++;
            if (data[i + 3] > 8) opaque++;
          }
          const mean = count ? sum / count : 0;
          return { width: canvas.width, height: canvas.height, meanLuma: mean,
                   lumaVariance: count ? sumSquares / count - mean * mean : 0,
                   nonBlackShare: count ? nonBlack / count : 0, opaqueShare: count ? opaque / count : 0 };
        }
        """;

    /// <summary>Waits until the image has decoded pixels, then measures them.</summary>
    public static async Task<RenderedPixels> OfAsync(ILocator image)
    {
        await image.EvaluateAsync("(img) => img.decode()");
        var measured = await image.EvaluateAsync<JsonElement>(Measure);
        return new RenderedPixels(
            measured.GetProperty("width").GetInt32(), measured.GetProperty("height").GetInt32(),
            measured.GetProperty("meanLuma").GetDouble(), measured.GetProperty("lumaVariance").GetDouble(),
            measured.GetProperty("nonBlackShare").GetDouble(), measured.GetProperty("opaqueShare").GetDouble());
    }

    public override string ToString() =>
        $"{Width}x{Height}, mean {MeanLuma:F1}, variance {LumaVariance:F1}, non-black {NonBlackShare:P1}, opaque {OpaqueShare:P1}";
}
