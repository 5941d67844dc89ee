using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Volume;

/// <summary>One frame placed on the stack: its distance along the slice normal and its in-plane offset from the output grid, in pixels.</summary>
internal sealed record StackedSlice(InstanceFile File, FramePlane Plane, double DistanceMm)
{
    public double OffsetX { get; set; }
    public double OffsetY { get; set; }

    public string Name => File.Frames.Count > 1 ? $"{System.IO.Path.GetFileName(File.Path)}#{Plane.FrameIndex + 1}" : System.IO.Path.GetFileName(File.Path);

    public string SortKey => File.Header.SopInstanceUid ?? File.Path;
}
