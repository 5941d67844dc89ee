using HeadCt.Dicom.Codecs.Jpeg2000;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// HTJ2K (T.814) as far as it goes today: the HT block decoder is not written, so the transfer syntaxes stay
/// unsupported, and an HT codestream handed to the Part 1 decoder is refused by name instead of being decoded
/// with the wrong block coder.
/// </summary>
public class HtJ2kTests
{
    private const string File = "syntaxes/htj2k/HTJ2KLossless_08_RGB.dcm";

    [Fact]
    public void GivenHtj2kFile_WhenDecoded_ThenUnsupportedTransferSyntaxIsReported()
    {
        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(CorpusFiles.Read(File)));

        Assert.Equal(DicomErrorKind.UnsupportedTransferSyntax, error.Kind);
    }

    [Fact]
    public void GivenHtj2kCodestream_WhenGivenToThePart1Decoder_ThenHtCodeBlocksAreRefusedByName()
    {
        var (codestream, info) = Jpeg2000Frames.FirstFrame(File);

        var error = Assert.Throws<DicomException>(() => new Jpeg2000Decoder().Decode(codestream, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, error.Kind);
        Assert.Contains("HT code-blocks", error.Reason, StringComparison.Ordinal);
    }
}
