using System.ComponentModel.DataAnnotations;

namespace HeadCt.Processor.Renderings;

/// <summary>How images are drawn on request: how many study views stay in memory and how many may be rebuilt at once.</summary>
public sealed class RenderingOptions
{
    public const string Section = "Renderings";

    /// <summary>
    /// Memory for the volumes (and attention maps) of recent studies, in MiB: a 33-slice 512² study takes 70, a
    /// 324-slice one 680. A view larger than this is still drawn from, but not kept.
    /// </summary>
    [Range(0, 1_048_576)]
    public int ViewCacheMegabytes { get; set; } = 1536;

    /// <summary>Views rebuilt from storage at the same time (each holds a whole volume while it is built).</summary>
    [Range(1, 16)]
    public int RebuildConcurrency { get; set; } = 1;
}
