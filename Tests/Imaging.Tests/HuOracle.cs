using System.Buffers.Binary;
using HeadCt.Dicom;
using HeadCt.Dicom.Pixels;

namespace HeadCt.Imaging.Tests;

/// <summary>The test's own reading of one slice in HU and its plane, written apart from the library code it checks.</summary>
internal sealed class HuOracle
{
    private HuOracle(float[] hu, DicomImageHeader header)
    {
        Hu = hu;
        Header = header;
    }

    public float[] Hu { get; }
    public DicomImageHeader Header { get; }

    public double[] Position => Header.ImagePositionPatient!;
    public double[] Row => Header.ImageOrientationPatient![..3];
    public double[] Column => Header.ImageOrientationPatient![3..6];

    public static HuOracle Read(string path)
    {
        var file = DicomReader.ReadFile(path);
        var header = DicomImageHeader.From(file);
        var bytes = PixelDataDecoder.Decode(file).Bytes;
        var hu = new float[header.Rows * header.Columns];
        for (var i = 0; i < hu.Length; i++)
        {
            var stored = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
            int raw = header.IsSigned ? stored : (ushort)stored;
            hu[i] = header.PixelPaddingValue == raw ? -1024f : (float)(raw * header.RescaleSlope + header.RescaleIntercept);
        }
        return new HuOracle(hu, header);
    }

    public static double[] Normal(double[] iop)
    {
        double[] n =
        [
            iop[1] * iop[5] - iop[2] * iop[4],
            iop[2] * iop[3] - iop[0] * iop[5],
            iop[0] * iop[4] - iop[1] * iop[3],
        ];
        var length = Math.Sqrt(Dot(n, n));
        return [n[0] / length, n[1] / length, n[2] / length];
    }

    public static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    /// <summary>HU at a patient point lying in this slice's plane, bilinear; null outside the image or where the 2×2 neighbours span more than <paramref name="maxRange"/> HU (an edge, where sub-micron rounding of the position moves the value).</summary>
    public double? SampleAt(double[] patient, double maxRange = double.MaxValue)
    {
        var d = new[] { patient[0] - Position[0], patient[1] - Position[1], patient[2] - Position[2] };
        var u = Dot(d, Row) / Header.PixelSpacing![1];
        var v = Dot(d, Column) / Header.PixelSpacing![0];
        var (x0, y0) = ((int)Math.Floor(u), (int)Math.Floor(v));
        if (x0 < 0 || y0 < 0 || x0 + 1 >= Header.Columns || y0 + 1 >= Header.Rows)
            return null;
        var (fx, fy) = (u - x0, v - y0);
        double At(int x, int y) => Hu[y * Header.Columns + x];
        var values = new[] { At(x0, y0), At(x0 + 1, y0), At(x0, y0 + 1), At(x0 + 1, y0 + 1) };
        if (values.Max() - values.Min() > maxRange)
            return null;
        var top = At(x0, y0) * (1 - fx) + At(x0 + 1, y0) * fx;
        var bottom = At(x0, y0 + 1) * (1 - fx) + At(x0 + 1, y0 + 1) * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
