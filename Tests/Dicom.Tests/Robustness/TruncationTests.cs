using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Reading;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Robustness;

/// <summary>Every prefix of small valid files must read (and decode) or raise DicomException, never anything else.</summary>
public class TruncationTests
{
    [Theory]
    [InlineData("syntaxes/explicit_le/MR_small.dcm")]
    [InlineData("syntaxes/explicit_be/ExplVR_BigEnd.dcm")]
    [InlineData("syntaxes/deflated/report_dfl.dcm")]
    [InlineData("syntaxes/rle/MR_small_RLE.dcm")]
    [InlineData("features/sequences/test-SR.dcm")]
    [InlineData("features/sequences/nested_priv_SQ.dcm")]
    [InlineData("features/no_meta/ExplVR_LitEndNoMeta.dcm")]
    public void GivenEveryPrefixOfAValidFile_WhenReadAndDecoded_ThenOnlyDicomExceptionsEscape(string path)
    {
        var whole = File.ReadAllBytes(CorpusFiles.PathOf(path));
        var failures = new List<string>();
        var truncatedErrors = 0;

        for (var length = 0; length < whole.Length; length++)
        {
            var prefix = whole.AsMemory(0, length);
            try
            {
                var file = DicomReader.Read(prefix);
                if (file.Dataset.Contains(DicomTags.PixelData))
                    PixelDataDecoder.Decode(file);
            }
            catch (DicomException e)
            {
                if (e.Kind == DicomErrorKind.Truncated)
                    truncatedErrors++;
            }
            catch (Exception e)
            {
                failures.Add($"prefix {length}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
        Assert.True(truncatedErrors > whole.Length / 2, $"only {truncatedErrors} of {whole.Length} prefixes reported Truncated");
    }

    [Theory]
    [InlineData("syntaxes/explicit_le/MR_small.dcm")]
    [InlineData("features/sequences/test-SR.dcm")]
    public void GivenEveryPrefixOnAStream_WhenReadHeaderOnly_ThenOnlyDicomExceptionsEscape(string path)
    {
        var whole = File.ReadAllBytes(CorpusFiles.PathOf(path));
        var options = new DicomReadOptions { StopBeforePixelData = true };
        var failures = new List<string>();

        for (var length = 0; length < whole.Length; length += 7)
        {
            try
            {
                DicomReader.Read(new CountingReadStream(new MemoryStream(whole, 0, length)), options);
            }
            catch (DicomException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"prefix {length}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void GivenRandomByteDamage_WhenReadAndDecoded_ThenOnlyDicomExceptionsEscape()
    {
        var whole = File.ReadAllBytes(CorpusFiles.PathOf("syntaxes/explicit_le/MR_small.dcm"));
        var random = new Random(20261128);
        var failures = new List<string>();

        for (var round = 0; round < 3000; round++)
        {
            var damaged = (byte[])whole.Clone();
            var hits = random.Next(1, 4);
            for (var i = 0; i < hits; i++)
                damaged[random.Next(128, 1500)] = (byte)random.Next(256);
            try
            {
                var file = DicomReader.Read(damaged);
                if (file.Dataset.Contains(DicomTags.PixelData))
                    PixelDataDecoder.Decode(file);
                DicomImageHeader.From(file);
            }
            catch (DicomException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"round {round}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }
}
