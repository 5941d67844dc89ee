namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// What an &lt;img&gt; shows in Firefox, decided by its decoded pixels drawn into a canvas: how many grey levels it
/// uses, how much of it differs from its corner (the background) and how much of it is not transparent.
/// </summary>
public sealed record ImagePixels(int Width, int Height, int GreyLevels, double ShareUnlikeCorner, double OpaqueShare)
{
    private const string CountPixels = """
        const img = arguments[0];
        return img.decode().then(() => {
          const context = new OffscreenCanvas(img.naturalWidth, img.naturalHeight).getContext('2d');
          context.drawImage(img, 0, 0);
          const { data } = context.getImageData(0, 0, img.naturalWidth, img.naturalHeight);
          const levels = new Set();
          let unlikeCorner = 0, opaque = 0;
          for (let i = 0; i < data.length; i += 4) {
            levels.add(Math.round((data[i] + data[i + 1] + data[i + 2]) / 3));
            if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) unlikeCorner++;
            if (data[i + 3] > 8) opaque++;
          }
          const pixels = Math.max(1, data.length / 4);
          return [img.naturalWidth, img.naturalHeight, levels.size, unlikeCorner / pixels, opaque / pixels];
        });
        """;

    public static async Task<ImagePixels> OfAsync(MarionetteClient firefox, WebElement image)
    {
        var counted = await firefox.ExecuteAsync(CountPixels, image);
        return new ImagePixels(
            counted[0].GetInt32(), counted[1].GetInt32(), counted[2].GetInt32(), counted[3].GetDouble(), counted[4].GetDouble());
    }

    /// <summary>A CT image: real anatomy has many grey levels and covers a good part of the frame.</summary>
    public bool LooksLikeAnImage => Width > 0 && Height > 0 && GreyLevels >= 16 && ShareUnlikeCorner > 0.1;

    public override string ToString() =>
        $"{Width}x{Height}, {GreyLevels} grey levels, {ShareUnlikeCorner:P1} unlike the corner, {OpaqueShare:P1} opaque";
}
