using System.Runtime.InteropServices;
using System.Text;

namespace HeadCt.Inference.Tensors;

/// <summary>Writes NumPy .npy version 1.0 files (little-endian, C order) so training reads exactly these bytes.</summary>
public static class NpyWriter
{
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape) => Write(path, "<f4", MemoryMarshal.AsBytes(data), shape);

    public static void Write(string path, ReadOnlySpan<byte> data, params int[] shape) => Write(path, "|u1", data, shape);

    private static void Write(string path, string descr, ReadOnlySpan<byte> bytes, int[] shape)
    {
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        // The magic (6), version (2) and header length (2) plus the header end on a multiple of 64, newline last.
        var total = (10 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(total - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(bytes);
    }
}
