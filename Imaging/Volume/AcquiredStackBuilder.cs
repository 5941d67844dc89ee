using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Volume;

/// <summary>How the frames of an acquired stack are ordered.</summary>
public enum AcquiredOrder
{
    /// <summary>By the projection of Image Position (Patient) on the slice normal (PS3.3 C.7.6.2.1.1).</summary>
    Normal,

    /// <summary>By Image Position (Patient) z alone, as code that sorts on <c>ImagePositionPatient[2]</c> does.</summary>
    PatientZ,
}

/// <summary>
/// The frames of one series stacked as they were acquired, for a model whose training preprocessing did exactly that:
/// every frame kept (duplicates too), nothing resampled for gaps or gantry tilt, in the chosen order (ties by SOP
/// Instance UID, then frame), holding HU or the stored pixel values (no Modality LUT, Pixel Padding Value not replaced).
/// A file that cannot be decoded is left out with its frames.
/// </summary>
public static class AcquiredStackBuilder
{
    public static VoxelStack Build(IReadOnlyList<InstanceFile> instances, AcquiredOrder order, bool storedValues, VolumeOptions? options = null)
    {
        options ??= VolumeOptions.Default;
        if (instances.Count == 0)
            throw new ImagingException(ImagingErrorKind.TooFewSlices, "The series has no images");
        var first = instances[0].Header;
        var slices = new List<StackedSlice>();
        foreach (var instance in instances)
        {
            if (instance.Header.Rows != first.Rows || instance.Header.Columns != first.Columns)
                throw new ImagingException(ImagingErrorKind.MixedGeometry,
                    $"Mixed image sizes: {first.Columns}×{first.Rows} and {instance.Header.Columns}×{instance.Header.Rows}");
            foreach (var plane in instance.Frames)
            {
                if (!plane.HasGeometry)
                    throw new ImagingException(ImagingErrorKind.MissingGeometry, $"{Path.GetFileName(instance.Path)} lacks Image Position/Orientation (Patient)");
                var key = order == AcquiredOrder.PatientZ ? plane.Position!.Value.Z : plane.Position!.Value.Dot(plane.Normal);
                slices.Add(new StackedSlice(instance, plane, key));
            }
        }
        slices.Sort(static (a, b) => a.DistanceMm != b.DistanceMm ? a.DistanceMm.CompareTo(b.DistanceMm)
            : string.CompareOrdinal(a.SortKey, b.SortKey) is var byUid and not 0 ? byUid : a.Plane.FrameIndex.CompareTo(b.Plane.FrameIndex));
        var planeLength = first.Columns * first.Rows;
        var values = GC.AllocateUninitializedArray<float>(checked(slices.Count * planeLength));
        var failures = SliceDecoder.Decode(slices, values, planeLength, options, storedValues);
        if (failures.Count > 0)
        {
            // Undecodable files are left out, as the volume leaves them out; their planes hold no values to feed a model.
            var failed = failures.Select(failure => failure.File.Path).ToHashSet(StringComparer.Ordinal);
            return Build([.. instances.Where(instance => !failed.Contains(instance.Path))], order, storedValues, options);
        }

        return new VoxelStack(values, first.Columns, first.Rows, slices.Count, MedianGap(slices));
    }

    private static double MedianGap(List<StackedSlice> slices)
    {
        if (slices.Count < 2)
            return 1;
        var gaps = new double[slices.Count - 1];
        for (var i = 1; i < slices.Count; i++)
            gaps[i - 1] = Math.Abs(slices[i].DistanceMm - slices[i - 1].DistanceMm);
        Array.Sort(gaps);
        return gaps[gaps.Length / 2];
    }
}
