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

    /// <summary>
    /// A function of a CSS selector: the luma (Rec. 601) of the canvas under it as [mean, spread (standard deviation),
    /// mean of the image's left half, mean of its right half].
    /// </summary>
    public const string LumaStatistics = """
        function (selector) {
          const canvas = document.querySelector(selector + ' canvas');
          const { width, height } = canvas;
          const copy = document.createElement('canvas');
          copy.width = width; copy.height = height;
          const context = copy.getContext('2d');
          context.drawImage(canvas, 0, 0);
          const data = context.getImageData(0, 0, width, height).data;
          let sum = 0, squares = 0, left = 0, right = 0, leftCount = 0, rightCount = 0;
          for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
            sum += luma; squares += luma * luma;
            if (x < width / 2) { left += luma; leftCount++; } else { right += luma; rightCount++; }
          }
          const n = width * height, mean = sum / n;
          return [mean, Math.sqrt(Math.max(0, squares / n - mean * mean)), left / leftCount, right / rightCount];
        }
        """;
}
