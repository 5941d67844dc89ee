using HeadCt.Dicom;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// The volume geometry a series should give, computed here from its headers, independently of the imaging library:
/// slices ordered along the normal row × column (PS3.3 C.7.6.2.1.1), median gap as slice spacing, tilt as the angle
/// between the normal and the line through the first and last positions.
/// </summary>
public sealed record ExpectedGeometry(
    string SeriesInstanceUid, int Rows, int Columns, double RowSpacing, double ColumnSpacing, double SliceGap, int SizeZ,
    double TiltDegrees, double[] RowCosines, double[] ColumnCosines)
{
    public static ExpectedGeometry FromDicom(IReadOnlyList<string> paths)
    {
        var headers = paths.Select(path => DicomImageHeader.From(DicomReader.ReadFile(path, new DicomReadOptions { StopBeforePixelData = true }))).ToList();
        var first = headers[0];
        var orientation = first.ImageOrientationPatient!;
        double[] row = [orientation[0], orientation[1], orientation[2]];
        double[] column = [orientation[3], orientation[4], orientation[5]];
        double[] normal =
        [
            row[1] * column[2] - row[2] * column[1],
            row[2] * column[0] - row[0] * column[2],
            row[0] * column[1] - row[1] * column[0],
        ];
        var ordered = headers.Select(h => h.ImagePositionPatient!).OrderBy(p => Dot(p, normal)).ToList();
        var distances = ordered.Select(p => Dot(p, normal)).ToList();
        var gaps = distances.Zip(distances.Skip(1), (a, b) => b - a).Where(gap => gap > 0.01).Order().ToList();
        var median = gaps.Count % 2 == 1 ? gaps[gaps.Count / 2] : (gaps[gaps.Count / 2 - 1] + gaps[gaps.Count / 2]) / 2;
        var sizeZ = (int)Math.Round((distances[^1] - distances[0]) / median) + 1;

        double[] through = [ordered[^1][0] - ordered[0][0], ordered[^1][1] - ordered[0][1], ordered[^1][2] - ordered[0][2]];
        var cosine = Dot(through, normal) / Math.Sqrt(Dot(through, through));
        var tilt = Math.Acos(Math.Clamp(cosine, -1, 1)) * 180 / Math.PI;

        return new ExpectedGeometry(first.SeriesInstanceUid!, first.Rows, first.Columns,
            first.PixelSpacing![0], first.PixelSpacing[1], median, sizeZ, tilt, row, column);
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
