namespace HeadCt.Web.Tests.Support;

/// <summary>Page-side JavaScript shared by the Chromium (Playwright) and Firefox (Marionette) tests.</summary>
public static class CanvasScripts
{
    /// <summary>
    /// A function of a CSS selector: how many pixels of the canvas under it are saturated colour (max − min channel
    /// above 60). The CT is drawn in grey, so only an overlay's colours count.
    /// </summary>
    public const string ColouredPixels = """
        function (selector) {
          const canvas = document.querySelector(selector + ' canvas');
          const copy = document.createElement('canvas');
          copy.width = canvas.width; copy.height = canvas.height;
          const context = copy.getContext('2d');
          context.drawImage(canvas, 0, 0);
          const data = context.getImageData(0, 0, copy.width, copy.height).data;
          let coloured = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) coloured++;
          }
          return coloured;
        }
        """;
}
