using System.Buffers.Binary;
using System.Text;

namespace HeadCt.Platform.Tests.Support;

/// <summary>
/// A test oracle independent of HeadCt.Dicom: walks the top-level elements of an Explicit VR Little Endian Part 10
/// file (PS3.5 §7.1.2) to read one string value, e.g. Series Instance UID. Stops at Pixel Data.
/// </summary>
public static class ExplicitLittleEndianTagScanner
{
    private static readonly string[] LongLengthVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT"];

    public static string? ReadString(byte[] file, ushort group, ushort element)
    {
        if (file.Length < 132 || Encoding.ASCII.GetString(file, 128, 4) != "DICM")
        {
            throw new InvalidOperationException("Not a Part 10 file.");
        }

        var offset = 132;
        while (offset + 8 <= file.Length)
        {
            var tagGroup = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset));
            var tagElement = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 2));
            if (tagGroup == 0x7FE0 && tagElement == 0x0010)
            {
                return null;
            }

            var vr = Encoding.ASCII.GetString(file, offset + 4, 2);
            long length;
            int header;
            if (LongLengthVrs.Contains(vr))
            {
                length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
                header = 12;
            }
            else
            {
                length = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 6));
                header = 8;
            }

            if (length == 0xFFFFFFFF)
            {
                throw new InvalidOperationException("Undefined lengths are beyond this oracle.");
            }

            if (tagGroup == group && tagElement == element)
            {
                return Encoding.ASCII.GetString(file, offset + header, (int)length).TrimEnd('\0', ' ');
            }

            offset += header + (int)length;
        }

        return null;
    }
}
