namespace HeadCt.Dicom.Tests.Support;

/// <summary>
/// Element-by-element comparison of two data sets, sequences recursively. Values are compared little endian
/// (big-endian values are swapped per VR) after even-length padding; group lengths are ignored.
/// </summary>
public static class DatasetComparer
{
    public static List<string> Differences(DicomDataset expected, DicomDataset actual, bool compareVr, string path = "")
    {
        var differences = new List<string>();
        var expectedElements = expected.Where(e => !e.Tag.IsGroupLength && e.Tag != DicomTags.DataSetTrailingPadding).ToList();
        var actualElements = actual.Where(e => !e.Tag.IsGroupLength).ToList();
        var expectedTags = expectedElements.Select(e => e.Tag).ToList();
        var actualTags = actualElements.Select(e => e.Tag).ToList();
        if (!expectedTags.SequenceEqual(actualTags))
        {
            differences.Add($"{path}: tags differ: missing {string.Join(",", expectedTags.Except(actualTags))}, extra {string.Join(",", actualTags.Except(expectedTags))}");
            return differences;
        }
        for (var i = 0; i < expectedElements.Count; i++)
            Compare(expectedElements[i], actualElements[i], compareVr, $"{path}/{expectedElements[i].Tag}", differences);
        return differences;
    }

    private static void Compare(DicomElement expected, DicomElement actual, bool compareVr, string path, List<string> differences)
    {
        if (compareVr && expected.Vr != actual.Vr)
            differences.Add($"{path}: VR {expected.Vr} became {actual.Vr}");
        if (expected.IsSequence || actual.IsSequence)
        {
            if (expected.Items.Count != actual.Items.Count)
            {
                differences.Add($"{path}: {expected.Items.Count} items became {actual.Items.Count}");
                return;
            }
            for (var i = 0; i < expected.Items.Count; i++)
                differences.AddRange(Differences(expected.Items[i], actual.Items[i], compareVr, $"{path}[{i}]"));
            return;
        }
        if (expected.Fragments is not null || actual.Fragments is not null)
        {
            var a = expected.Fragments?.Fragments.Select(f => Padded(f.ToArray(), 0)).ToList() ?? [];
            var b = actual.Fragments?.Fragments.Select(f => f.ToArray()).ToList() ?? [];
            if (a.Count != b.Count || a.Zip(b).Any(pair => !pair.First.AsSpan().SequenceEqual(pair.Second)))
                differences.Add($"{path}: fragments differ");
            return;
        }
        var expectedValue = Padded(LittleEndian(expected), expected.Vr.PaddingByte);
        if (!expectedValue.AsSpan().SequenceEqual(LittleEndian(actual)))
            differences.Add($"{path}: value differs ({expected.Value.Length} → {actual.Value.Length} bytes)");
    }

    private static byte[] LittleEndian(DicomElement element)
    {
        var bytes = element.Value.ToArray();
        var unit = element.Vr.SwapUnit;
        if (!element.IsBigEndian || unit < 2 || element.Vr == DicomVr.UN)
            return bytes;
        for (var i = 0; i + unit <= bytes.Length; i += unit)
            Array.Reverse(bytes, i, unit);
        return bytes;
    }

    private static byte[] Padded(byte[] value, byte padding) =>
        value.Length % 2 == 0 ? value : [.. value, padding];
}
