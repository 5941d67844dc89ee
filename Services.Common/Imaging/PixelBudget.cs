namespace HeadCt.Services.Common.Imaging;

/// <summary>
/// Checks declared image sizes against <see cref="PixelBudgetOptions"/> in 64-bit arithmetic, so 65535² × 2³¹ frames
/// is a refusal, never an overflow. Header values only: nothing here reads pixel data.
/// </summary>
public sealed class PixelBudget(PixelBudgetOptions options)
{
    private long _studyPixels;

    public PixelBudgetOptions Options { get; } = options;

    /// <summary>Pixels counted so far for the study.</summary>
    public long StudyPixels => _studyPixels;

    /// <summary>The pixels one instance declares: 0 for an instance without an image (no Rows or Columns).</summary>
    public static long PixelsOf(int rows, int columns, int frames) =>
        rows <= 0 || columns <= 0 ? 0 : (long)rows * columns * Math.Max(1, frames);

    /// <summary>Why the instance does not fit the per-frame and per-instance limits, or null when it does.</summary>
    public PixelBudgetViolation? CheckInstance(int rows, int columns, int frames)
    {
        if (rows < 0 || columns < 0 || frames < 0)
        {
            return new PixelBudgetViolation(nameof(PixelBudgetOptions.MaxFramePixels),
                $"The image declares a negative size ({rows} rows, {columns} columns, {frames} frames).");
        }

        var framePixels = (long)rows * columns;
        if (framePixels > Options.MaxFramePixels)
        {
            return new PixelBudgetViolation(nameof(PixelBudgetOptions.MaxFramePixels),
                $"A frame of {columns}×{rows} pixels is more than the {Options.MaxFramePixels} pixels allowed per frame.");
        }

        var pixels = PixelsOf(rows, columns, frames);
        if (pixels > Options.MaxPixelsPerInstance)
        {
            return new PixelBudgetViolation(nameof(PixelBudgetOptions.MaxPixelsPerInstance),
                $"{columns}×{rows} pixels × {Math.Max(1, frames)} frames is more than the {Options.MaxPixelsPerInstance} pixels allowed per instance.");
        }

        return null;
    }

    /// <summary>Checks the instance, then adds it to the study's total; on a violation nothing is added.</summary>
    public PixelBudgetViolation? TryAdd(int rows, int columns, int frames)
    {
        if (CheckInstance(rows, columns, frames) is { } violation)
        {
            return violation;
        }

        var pixels = PixelsOf(rows, columns, frames);
        if (_studyPixels + pixels > Options.MaxVoxelsPerStudy)
        {
            return new PixelBudgetViolation(nameof(PixelBudgetOptions.MaxVoxelsPerStudy),
                $"The study's images add up to more than the {Options.MaxVoxelsPerStudy} pixels allowed per study.");
        }

        _studyPixels += pixels;
        return null;
    }
}

/// <summary>Which limit an image crossed (the option's name) and the reason in words.</summary>
public sealed record PixelBudgetViolation(string Limit, string Reason);
