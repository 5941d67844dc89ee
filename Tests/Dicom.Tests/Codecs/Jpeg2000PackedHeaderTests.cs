using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// PPM and PPT (packed packet headers, T.800 A.7.4/A.7.5): opj_compress cannot write them, so its SOP/EPH
/// codestreams are rewritten with the headers moved into PPT or PPM; we must decode them to the original image,
/// and OpenJPEG must agree (which checks the rewrite itself).
/// </summary>
public class Jpeg2000PackedHeaderTests
{
    [Theory]
    [InlineData("-SOP -EPH")]
    [InlineData("-SOP -EPH -t 64,64 -r 10,3,1 -p RPCL -c [32,32]")]
    [InlineData("-SOP -EPH -t 102,80 -M 63")]
    public void GivenHeadersPackedInPptOrPpm_WhenDecoded_ThenTheImageIsTheLosslessInput(string arguments)
    {
        Assert.True(OpenJpegReference.FindOnPath("opj_compress") is not null && OpenJpegReference.IsInstalled,
            "opj_compress and opj_decompress (libopenjp2-tools) are needed");
        var image = Jpeg2000TestImage.Ct(signed16: false);
        var original = Jpeg2000OpenJpegFeatureTests.Compress(image, arguments);

        foreach (var packed in new[] { Jpeg2000PackedHeaders.ToPpt(original), Jpeg2000PackedHeaders.ToPpm(original) })
        {
            var ours = new byte[image.Info.DecodedFrameLength];
            new Jpeg2000Decoder().Decode(packed, image.Info, ours);

            Assert.Equal(image.Samples, Jpeg2000Frames.Samples(ours, image.Info, image.Signed));
            Assert.Equal(image.Samples, OpenJpegReference.Decode(packed, 1, image.Precision, image.Signed));
        }
    }
}
