using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Volume;

/// <summary>
/// Orders frames by the projection of Image Position (Patient) on the slice normal (PS3.3 C.7.6.2.1.1) — never by file
/// name or Instance Number — drops duplicates, measures the gaps and the gantry tilt, and lays out the output grid.
/// </summary>
internal static class StackPlanner
{
    public static StackPlan Plan(IReadOnlyList<InstanceFile> instances, VolumeOptions options)
    {
        if (options.MinimumSlices < 2)
            throw new ArgumentOutOfRangeException(nameof(options), "MinimumSlices must be at least 2: spacing needs two slices");
        var slices = Collect(instances, options);
        var normal = slices[0].Plane.Normal;
        slices.Sort(static (a, b) => a.DistanceMm != b.DistanceMm ? a.DistanceMm.CompareTo(b.DistanceMm)
            : string.CompareOrdinal(a.SortKey, b.SortKey) is var byUid and not 0 ? byUid : a.Plane.FrameIndex.CompareTo(b.Plane.FrameIndex));

        var duplicates = new List<DuplicateSlice>();
        var distinct = new List<StackedSlice> { slices[0] };
        for (var i = 1; i < slices.Count; i++)
        {
            var kept = distinct[^1];
            if (slices[i].DistanceMm - kept.DistanceMm < options.DuplicateToleranceMm)
                duplicates.Add(new DuplicateSlice(kept.DistanceMm, kept.Name, slices[i].Name));
            else
                distinct.Add(slices[i]);
        }
        if (distinct.Count < options.MinimumSlices)
            throw new ImagingException(ImagingErrorKind.TooFewSlices,
                $"{distinct.Count} distinct slice position(s); at least {options.MinimumSlices} are needed");

        var spacing = SpacingAnalysis.Measure(distinct, options);
        var tilt = TiltDegrees(distinct, normal);
        var tilted = tilt > options.TiltToleranceDegrees;
        if (tilted && options.TiltPolicy == TiltPolicy.Refuse)
            throw new ImagingException(ImagingErrorKind.GantryTiltRefused,
                $"Gantry tilt of {tilt:0.##}° (slice normal vs. stacking direction); the tilt policy is Refuse");

        var resample = tilted || spacing.Irregular;
        var geometry = Grid(distinct, resample, spacing, options);
        var report = new VolumeReport
        {
            InputFrames = slices.Count,
            DistinctSlices = distinct.Count,
            Duplicates = duplicates,
            Gaps = spacing.Gaps,
            MinimumGapMm = spacing.Minimum,
            MaximumGapMm = spacing.Maximum,
            TypicalGapMm = spacing.Typical,
            IrregularSpacing = spacing.Irregular,
            TiltDegrees = tilt,
            TiltCorrected = tilted,
            Resampled = resample,
        };
        return new StackPlan(distinct, geometry, report);
    }

    private static List<StackedSlice> Collect(IReadOnlyList<InstanceFile> instances, VolumeOptions options)
    {
        if (instances.Count == 0)
            throw new ImagingException(ImagingErrorKind.TooFewSlices, "The series has no images");
        var first = instances[0];
        var reference = first.Frames[0];
        if (!reference.HasGeometry)
            throw new ImagingException(ImagingErrorKind.MissingGeometry, $"{Path.GetFileName(first.Path)} lacks Image Position/Orientation (Patient) or Pixel Spacing");
        var normal = reference.Normal;
        var slices = new List<StackedSlice>();
        foreach (var instance in instances)
        {
            var header = instance.Header;
            if (header.Rows != first.Header.Rows || header.Columns != first.Header.Columns)
                throw new ImagingException(ImagingErrorKind.MixedGeometry,
                    $"Mixed image sizes: {first.Header.Columns}×{first.Header.Rows} and {header.Columns}×{header.Rows} ({Path.GetFileName(instance.Path)})");
            foreach (var plane in instance.Frames)
            {
                if (!plane.HasGeometry)
                    throw new ImagingException(ImagingErrorKind.MissingGeometry, $"{Path.GetFileName(instance.Path)} frame {plane.FrameIndex + 1} lacks Image Position/Orientation (Patient) or Pixel Spacing");
                if (!SeriesSelector.SameOrientation(plane.Orientation!, reference.Orientation!, options.GeometryTolerance))
                    throw new ImagingException(ImagingErrorKind.MixedGeometry, $"Mixed orientations ({Path.GetFileName(instance.Path)})");
                if (Math.Abs(plane.PixelSpacing![0] - reference.PixelSpacing![0]) > options.GeometryTolerance
                    || Math.Abs(plane.PixelSpacing[1] - reference.PixelSpacing[1]) > options.GeometryTolerance)
                    throw new ImagingException(ImagingErrorKind.MixedGeometry, $"Mixed pixel spacings ({Path.GetFileName(instance.Path)})");
                slices.Add(new StackedSlice(instance, plane, plane.Position!.Value.Dot(normal)));
            }
        }
        return slices;
    }

    /// <summary>The angle between the slice normal and the line through the first and last slice positions.</summary>
    private static double TiltDegrees(List<StackedSlice> slices, Vector3d normal)
    {
        var stack = (slices[^1].Plane.Position!.Value - slices[0].Plane.Position!.Value).Normalized();
        var cosine = Math.Min(1, Math.Abs(stack.Dot(normal)));
        return Math.Acos(cosine) * 180 / Math.PI;
    }

    /// <summary>
    /// The output grid keeps the slices' row and column directions and stacks along their normal, so it is orthogonal even
    /// for a tilted series. Its in-plane origin is the mean in-plane position of the slices, which centres the field of view
    /// that tilt shifts from slice to slice.
    /// </summary>
    private static VolumeGeometry Grid(List<StackedSlice> slices, bool resample, SpacingAnalysis spacing, VolumeOptions options)
    {
        var reference = slices[0].Plane;
        var (row, column, normal) = (reference.RowDirection.Normalized(), reference.ColumnDirection.Normalized(), reference.Normal);
        var header = slices[0].File.Header;
        var (spacingX, spacingY) = (reference.PixelSpacing![1], reference.PixelSpacing[0]); // PS3.3 C.7.6.2.1.1: row spacing first
        var extent = slices[^1].DistanceMm - slices[0].DistanceMm;
        int sizeZ;
        Vector3d origin;
        if (!resample)
        {
            sizeZ = slices.Count;
            origin = slices[0].Plane.Position!.Value;
        }
        else
        {
            var step = options.OutputSliceSpacingMm ?? spacing.Typical;
            sizeZ = (int)Math.Round(extent / step) + 1;
            double meanRow = 0, meanColumn = 0;
            foreach (var slice in slices)
            {
                meanRow += slice.Plane.Position!.Value.Dot(row);
                meanColumn += slice.Plane.Position!.Value.Dot(column);
            }
            meanRow /= slices.Count;
            meanColumn /= slices.Count;
            origin = row * meanRow + column * meanColumn + normal * slices[0].DistanceMm;
        }
        foreach (var slice in slices)
        {
            var offset = slice.Plane.Position!.Value - origin;
            slice.OffsetX = offset.Dot(row) / spacingX;
            slice.OffsetY = offset.Dot(column) / spacingY;
        }
        var spacingZ = sizeZ > 1 ? extent / (sizeZ - 1) : spacing.Typical;
        return new VolumeGeometry(header.Columns, header.Rows, sizeZ, spacingX, spacingY, spacingZ, origin, row, column, normal);
    }
}
