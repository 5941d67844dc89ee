using System.Runtime.InteropServices;
using System.Text;

namespace HeadCt.Inference.Tensors;

/// <summary>Writes NumPy .npy version 1.0 files (little-endian, C order) so training reads exactly these bytes.</summary>
public static class NpyWriter
{
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape)
    {
        using var stream = CreateFloat32(path, shape);
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    public static void Write(string path, ReadOnlySpan<byte> data, params int[] shape)
    {
        using var stream = CreateUInt8(path, shape);
        stream.Write(data);
    }

    /// <summary>
    /// Writes the header of a float32 array and returns the stream for its data, to be appended in C order: for arrays
    /// written a sample at a time, which may be larger than one .NET span can hold.
    /// </summary>
    public static FileStream CreateFloat32(string path, params int[] shape) => Create(path, "<f4", shape);

    /// <summary>As <see cref="CreateFloat32"/>, for an array of bytes.</summary>
    public static FileStream CreateUInt8(string path, params int[] shape) => Create(path, "|u1", shape);

    private static FileStream Create(string path, string descr, int[] shape)
    {
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        // The magic (6), version (2) and header length (2) plus the header end on a multiple of 64, newline last.
        var total = (10 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(total - 10 - 1) + "\n";
        var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        return stream;
    }
}
