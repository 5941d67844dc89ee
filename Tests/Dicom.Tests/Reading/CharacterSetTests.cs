using System.Text;

namespace HeadCt.Dicom.Tests.Reading;

public class CharacterSetTests
{
    private static DicomDataset WithName(string? characterSet, byte[] nameBytes)
    {
        var dataset = new DicomDataset();
        if (characterSet is not null)
            dataset.SetString(DicomTags.SpecificCharacterSet, DicomVr.CS, characterSet);
        dataset.Add(new DicomElement(DicomTags.PatientName, DicomVr.PN, nameBytes));
        return dataset;
    }

    [Fact]
    public void GivenLatin1CharacterSet_WhenNameRead_ThenUmlautsDecode()
    {
        var dataset = WithName("ISO_IR 100", Encoding.Latin1.GetBytes("Müller^Jürgen "));

        Assert.Equal("Müller^Jürgen", dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void GivenUtf8CharacterSet_WhenNameRead_ThenMultiByteCharactersDecode()
    {
        var dataset = WithName("ISO_IR 192", Encoding.UTF8.GetBytes("Çağrı^Ünal"));

        Assert.Equal("Çağrı^Ünal", dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void GivenCyrillicCharacterSet_WhenNameRead_ThenIso8859Part5Decodes()
    {
        var bytes = new byte[] { 0xBB, 0xEE, 0xDA, 0xE1, 0xE2, 0xDE, 0xDD }; // "Люкстон" in ISO 8859-5

        var dataset = WithName("ISO_IR 144", bytes);

        Assert.Equal("Люкстон", dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void GivenNoCharacterSet_WhenAsciiNameRead_ThenDefaultRepertoireApplies()
    {
        var dataset = WithName(null, "Doe^John"u8.ToArray());

        Assert.Equal("Doe^John", dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void GivenSequenceItemWithoutItsOwnCharacterSet_WhenRead_ThenParentCharacterSetApplies()
    {
        var parent = WithName("ISO_IR 192", Encoding.UTF8.GetBytes("Ωmega"));
        var item = WithName(null, Encoding.UTF8.GetBytes("Δelta"));
        parent.SetSequence(DicomTags.ReferencedPatientSequence, [item]);

        var reread = DicomReader.Read(DicomWriter.ToBytes(
            new DicomFile(new DicomDataset(), WithUids(parent), TransferSyntax.ExplicitVrLittleEndian), TransferSyntax.ExplicitVrLittleEndian));

        Assert.Equal("Δelta", reread.Dataset.GetSequence(DicomTags.ReferencedPatientSequence)[0].GetString(DicomTags.PatientName));
    }

    [Fact]
    public void GivenMultiValuedText_WhenRead_ThenValuesSplitOnBackslashAndTrim()
    {
        var dataset = new DicomDataset();
        dataset.Add(new DicomElement(DicomTags.ImageType, DicomVr.CS, "ORIGINAL\\PRIMARY\\AXIAL "u8.ToArray()));
        dataset.Add(new DicomElement(DicomTags.ImageComments, DicomVr.LT, "  a\\b  "u8.ToArray()));

        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], dataset.GetStrings(DicomTags.ImageType));
        Assert.Equal("ORIGINAL", dataset.GetString(DicomTags.ImageType));
        Assert.Equal("  a\\b", dataset.GetString(DicomTags.ImageComments));
    }

    private static DicomDataset WithUids(DicomDataset dataset)
    {
        dataset.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SopInstanceUid, DicomVr.UI, "1.2.3.4");
        return dataset;
    }
}
