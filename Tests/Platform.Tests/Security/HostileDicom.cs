using System.Buffers.Binary;
using HeadCt.Dicom;

namespace HeadCt.Platform.Tests.Security;

/// <summary>Small DICOM files written with our writer, then made hostile.</summary>
public static class HostileDicom
{
    private static readonly DicomTag TextValue = new(0x0040, 0xA160);

    /// <summary>The least a file needs to pass the gateway's header check: SOP and Series Instance UIDs.</summary>
    public static byte[] Tiny(Action<DicomDataset>? change = null)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetString(DicomTags.SopInstanceUid, DicomVr.UI, NewUid());
        dataset.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, NewUid());
        dataset.SetString(DicomTags.Modality, DicomVr.CS, "CT");
        change?.Invoke(dataset);
        return DicomWriter.ToBytes(new DicomFile(new DicomDataset(), dataset, TransferSyntax.ExplicitVrLittleEndian), TransferSyntax.ExplicitVrLittleEndian);
    }

    /// <summary>A header element (Text Value, UT, 4-byte length in Explicit VR, PS3.5 §7.1.2) claiming 4 GB − 16 bytes.</summary>
    public static byte[] WithAbsurdLength()
    {
        var bytes = Tiny(dataset => dataset.SetString(TextValue, DicomVr.UT, "short text"));
        ReadOnlySpan<byte> header = [0x40, 0x00, 0x60, 0xA1, (byte)'U', (byte)'T', 0, 0];
        var at = bytes.AsSpan().IndexOf(header);
        if (at < 0)
        {
            throw new InvalidOperationException("The writer did not write the Text Value element as expected.");
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + header.Length), 0xFFFFFFF0);
        return bytes;
    }

    /// <summary>Sequences nested <paramref name="depth"/> deep inside the header.</summary>
    public static byte[] WithNestedSequences(int depth)
    {
        var innermost = new DicomDataset();
        innermost.SetString(DicomTags.StudyDescription, DicomVr.LO, "deepest");
        for (var level = 0; level < depth; level++)
        {
            var outer = new DicomDataset();
            outer.SetSequence(DicomTags.ReferencedPatientSequence, [innermost]);
            innermost = outer;
        }

        return Tiny(dataset => dataset.SetSequence(DicomTags.ReferencedPatientSequence, [innermost]));
    }

    public static string NewUid() => "2.25." + new System.Numerics.BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}
