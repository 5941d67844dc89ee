using System.Buffers.Binary;
using HeadCt.Dicom;
using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Phantoms;

/// <summary>
/// Writes a <see cref="PhantomSpec"/> as a CT series with the Dicom writer: Explicit VR Little Endian, signed 16-bit,
/// Rescale Slope 1 and Intercept −1024, one file per slice (CT Image Storage) or one enhanced multi-frame file.
/// </summary>
public static class PhantomSeriesWriter
{
    public const double RescaleIntercept = -1024;

    /// <summary>Writes into <paramref name="folder"/> (created if needed) and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(PhantomSpec spec, string folder)
    {
        Directory.CreateDirectory(folder);
        var (study, series, frame) = (PhantomUids.New(), PhantomUids.New(), PhantomUids.New());
        var positions = spec.TablePositions();
        var kept = new List<(int Index, PhantomSlicePlane Plane)>();
        for (var k = 0; k < positions.Count; k++)
        {
            if (!spec.MissingSlices.Contains(k))
                kept.Add((k, PhantomSlicePlane.Of(spec, positions[k])));
        }
        var frameLength = spec.Rows * spec.Columns * 2;
        if (spec.MultiFrame)
        {
            var pixels = new byte[frameLength * kept.Count];
            Parallel.For(0, kept.Count, i => FillSlice(spec, kept[i].Plane, pixels.AsSpan(i * frameLength, frameLength)));
            var dataset = PhantomDatasets.Enhanced(spec, study, series, frame, kept.ConvertAll(s => s.Plane), pixels);
            var path = Path.Combine(folder, "enhanced.dcm");
            Save(dataset, path);
            return [path];
        }
        var paths = new string[kept.Count];
        Parallel.For(0, kept.Count, i =>
        {
            var pixels = new byte[frameLength];
            FillSlice(spec, kept[i].Plane, pixels);
            var dataset = PhantomDatasets.Slice(spec, study, series, frame, kept[i].Plane, kept[i].Index + 1, pixels);
            paths[i] = Path.Combine(folder, $"slice{kept[i].Index:D4}.dcm");
            Save(dataset, paths[i]);
        });
        return paths;
    }

    /// <summary>Writes and reads back the headers, ready for <see cref="SeriesSelector"/> or the volume builder.</summary>
    public static List<InstanceFile> WriteAndRead(PhantomSpec spec, string folder)
    {
        var instances = new List<InstanceFile>();
        foreach (var path in Write(spec, folder))
            instances.Add(InstanceFile.Read(path));
        return instances;
    }

    private static void FillSlice(PhantomSpec spec, PhantomSlicePlane plane, Span<byte> target)
    {
        for (var row = 0; row < spec.Rows; row++)
        {
            for (var column = 0; column < spec.Columns; column++)
            {
                var hu = PhantomContent.HuAt(spec, plane.PixelPosition(spec, column, row));
                var stored = hu is { } value ? (int)Math.Round(value - RescaleIntercept)
                    : spec.PixelPaddingValue ?? (int)(PhantomContent.AirHu - RescaleIntercept);
                BinaryPrimitives.WriteInt16LittleEndian(target.Slice((row * spec.Columns + column) * 2), (short)stored);
            }
        }
    }

    private static void Save(DicomDataset dataset, string path)
    {
        using var stream = File.Create(path);
        DicomWriter.Write(stream, new DicomFile(new DicomDataset(), dataset, TransferSyntax.ExplicitVrLittleEndian), TransferSyntax.ExplicitVrLittleEndian);
    }
}
