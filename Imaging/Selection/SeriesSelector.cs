using HeadCt.Dicom;

namespace HeadCt.Imaging.Selection;

/// <summary>
/// Chooses the series to analyse: CT only, localizers excluded, one orientation and one image size,
/// ORIGINAL/PRIMARY/AXIAL preferred, then the most frames. Ties go to the lowest Series Instance UID so the
/// choice never depends on upload order.
/// </summary>
public static class SeriesSelector
{
    public static SeriesDecision Select(IEnumerable<InstanceFile> instances, SeriesSelectionOptions? options = null)
    {
        options ??= SeriesSelectionOptions.Default;
        var bySeries = new SortedDictionary<string, List<InstanceFile>>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var uid = instance.Header.SeriesInstanceUid ?? "";
            if (!bySeries.TryGetValue(uid, out var list))
                bySeries[uid] = list = [];
            list.Add(instance);
        }

        var skipped = new List<SkippedSeries>();
        var candidates = new List<(string Uid, List<InstanceFile> Files, bool Preferred, int Frames)>();
        foreach (var (uid, files) in bySeries)
        {
            if (Disqualify(files, options) is { } reason)
            {
                skipped.Add(Skip(uid, files, reason));
                continue;
            }
            var frames = 0;
            foreach (var file in files)
                frames += file.Frames.Count;
            candidates.Add((uid, files, HasPreferredImageType(files, options), frames));
        }

        if (candidates.Count == 0)
            return new SeriesDecision(null, null, [], "No series meets the selection rules", skipped);

        var best = candidates[0];
        foreach (var candidate in candidates)
        {
            if (candidate.Preferred != best.Preferred ? candidate.Preferred : candidate.Frames > best.Frames)
                best = candidate;
        }
        foreach (var candidate in candidates)
        {
            if (candidate.Uid == best.Uid)
                continue;
            var reason = best.Preferred && !candidate.Preferred
                ? $"Image Type is not {string.Join('/', options.PreferredImageType)} while the chosen series is"
                : $"{candidate.Frames} slice(s), fewer than or as many as the chosen series' {best.Frames}";
            skipped.Add(Skip(candidate.Uid, candidate.Files, reason));
        }
        var why = $"{best.Files[0].Header.Modality} series with {best.Frames} slice(s)"
            + (best.Preferred ? $", Image Type {string.Join('/', options.PreferredImageType)}" : ", no series has the preferred Image Type")
            + (candidates.Count > 1 ? $"; most slices among {candidates.Count} candidate series" : "");
        return new SeriesDecision(best.Uid, best.Files[0].Header.SeriesDescription, best.Files, why, skipped);
    }

    private static string? Disqualify(List<InstanceFile> files, SeriesSelectionOptions options)
    {
        var first = files[0].Header;
        foreach (var file in files)
        {
            var header = file.Header;
            if (!Contains(options.Modalities, header.Modality))
                return $"Modality {header.Modality ?? "(none)"} is not {string.Join('/', options.Modalities)}";
            foreach (var value in header.ImageType)
            {
                if (Contains(options.LocalizerImageTypes, value))
                    return $"Localizer/scout image (Image Type {string.Join('\\', header.ImageType)})";
            }
            if (header.SamplesPerPixel != 1)
                return $"{header.SamplesPerPixel} samples per pixel; CT volumes are greyscale";
            if (header.Rows != first.Rows || header.Columns != first.Columns)
                return $"Mixed image sizes ({first.Columns}×{first.Rows} and {header.Columns}×{header.Rows})";
            foreach (var frame in file.Frames)
            {
                if (!frame.HasGeometry)
                    return "An image lacks Image Position/Orientation (Patient) or Pixel Spacing";
                if (!SameOrientation(frame.Orientation!, files[0].Frames[0].Orientation!, options.OrientationTolerance))
                    return "Mixed image orientations";
            }
        }
        if (options.RequirePreferredImageType && !HasPreferredImageType(files, options))
            return $"Image Type is not {string.Join('/', options.PreferredImageType)}";
        return null;
    }

    private static bool HasPreferredImageType(List<InstanceFile> files, SeriesSelectionOptions options)
    {
        foreach (var file in files)
        {
            foreach (var wanted in options.PreferredImageType)
            {
                if (!Contains(file.Header.ImageType, wanted))
                    return false;
            }
        }
        return true;
    }

    internal static bool SameOrientation(double[] a, double[] b, double tolerance)
    {
        if (a.Length < 6 || b.Length < 6)
            return false;
        for (var i = 0; i < 6; i++)
        {
            if (Math.Abs(a[i] - b[i]) > tolerance)
                return false;
        }
        return true;
    }

    private static bool Contains(IReadOnlyList<string> values, string? value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate.Trim(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static SkippedSeries Skip(string uid, List<InstanceFile> files, string reason) =>
        new(uid, files[0].Header.SeriesDescription, files.Count, reason);
}
