using System.Buffers.Binary;
using System.Text;

namespace HeadCt.Gateway.Fuzz;

/// <summary>
/// Mutations that reach the upload path's structures: the numeric fields of zip records (APPNOTE 4.3: local and
/// central headers, end records, ZIP64), the multipart framing (boundaries, CRLFs, Content-Disposition), the image
/// size a DICOM header declares (Rows, Columns), and plain bit flips, truncations and chunk moves.
/// </summary>
internal sealed class UploadMutator(Random random)
{
    private static readonly byte[][] ZipSignatures =
        [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x06, 0x06], [0x50, 0x4B, 0x06, 0x07]];

    /// <summary>Offsets of the 2- and 4-byte fields after each signature above (record layouts of APPNOTE 4.3.7, 4.3.12, 4.3.16, 4.3.14, 4.3.15).</summary>
    private static readonly (int Offset, int Size)[][] ZipFields =
    [
        [(6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)],
        [(8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (34, 2), (42, 4)],
        [(4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2)],
        [(4, 4), (16, 4), (20, 4), (24, 4), (32, 4), (40, 4), (48, 4)],
        [(4, 4), (8, 4), (16, 4)],
    ];

    private static readonly uint[] Interesting = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFE, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    private static readonly string[] MultipartEdits =
    [
        "\r\n", "--", $"--{UploadTarget.Boundary}", $"--{UploadTarget.Boundary}--", "Content-Disposition: form-data; name=\"files\"; filename=\"../../x.dcm\"\r\n",
        "filename*=UTF-8''%C3%A9%00.dcm; ", "name=\"files\"", "Content-Type: application/zip\r\n", "\r\n\r\n",
    ];

    public byte[] Mutate(byte[] input)
    {
        var data = input.ToList();
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds && data.Count > 0; i++)
        {
            switch (random.Next(10))
            {
                case 0 or 1 or 2:
                    ZipField(data);
                    break;
                case 3:
                    MultipartEdit(data);
                    break;
                case 4:
                    ImageSize(data);
                    break;
                case 5:
                    data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 6:
                    Delete(data);
                    break;
                case 7:
                    Duplicate(data);
                    break;
                case 8:
                    Truncate(data);
                    break;
                default:
                    data[random.Next(data.Count)] = (byte)Interesting[random.Next(Interesting.Length)];
                    break;
            }
        }

        return [.. data];
    }

    private void ZipField(List<byte> data)
    {
        var bytes = data.ToArray();
        var kind = random.Next(ZipSignatures.Length);
        var found = Find(bytes, ZipSignatures[kind]);
        if (found.Count == 0)
        {
            return;
        }

        var at = found[random.Next(found.Count)];
        var (offset, size) = ZipFields[kind][random.Next(ZipFields[kind].Length)];
        if (at + offset + size > data.Count)
        {
            return;
        }

        var value = random.Next(4) == 0 ? (uint)random.Next() : Interesting[random.Next(Interesting.Length)];
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        for (var i = 0; i < size; i++)
        {
            data[at + offset + i] = field[i];
        }
    }

    private void MultipartEdit(List<byte> data)
    {
        var edit = Encoding.ASCII.GetBytes(MultipartEdits[random.Next(MultipartEdits.Length)]);
        var boundaries = Find(data.ToArray(), Encoding.ASCII.GetBytes("--" + UploadTarget.Boundary));
        var at = boundaries.Count > 0 && random.Next(2) == 0 ? boundaries[random.Next(boundaries.Count)] : random.Next(data.Count);
        if (random.Next(2) == 0)
        {
            data.InsertRange(at, edit);
        }
        else
        {
            data.RemoveRange(at, Math.Min(edit.Length, data.Count - at));
        }
    }

    /// <summary>Rows (0028,0010) or Columns (0028,0011) in Explicit VR LE: tag, "US", length 2, then the value.</summary>
    private void ImageSize(List<byte> data)
    {
        var bytes = data.ToArray();
        var tag = random.Next(2) == 0 ? new byte[] { 0x28, 0x00, 0x10, 0x00, 0x55, 0x53 } : [0x28, 0x00, 0x11, 0x00, 0x55, 0x53];
        var found = Find(bytes, tag);
        if (found.Count == 0)
        {
            return;
        }

        var at = found[random.Next(found.Count)] + 8;
        if (at + 2 <= data.Count)
        {
            var value = (ushort)Interesting[random.Next(Interesting.Length)];
            data[at] = (byte)value;
            data[at + 1] = (byte)(value >> 8);
        }
    }

    private void Delete(List<byte> data)
    {
        var at = random.Next(data.Count);
        data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
    }

    private void Duplicate(List<byte> data)
    {
        var at = random.Next(data.Count);
        var chunk = data.GetRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
        data.InsertRange(random.Next(data.Count + 1), chunk);
    }

    private void Truncate(List<byte> data)
    {
        var keep = random.Next(data.Count);
        data.RemoveRange(keep, data.Count - keep);
    }

    private static List<int> Find(byte[] haystack, byte[] needle)
    {
        var found = new List<int>();
        for (var at = haystack.AsSpan().IndexOf(needle); at >= 0;)
        {
            found.Add(at);
            var next = haystack.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return found;
    }
}
