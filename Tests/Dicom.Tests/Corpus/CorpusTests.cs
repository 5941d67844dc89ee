using HeadCt.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace HeadCt.Dicom.Tests.Corpus;

/// <summary>
/// Every file of /work/shared/dicom-corpus (MANIFEST.tsv), each under a time limit:
/// • a file with an expected pixel hash decodes to exactly that SHA-256 (masked hash where the manifest hashed
///   junk high bits, see <see cref="CorpusFileCheck"/>); lossy files may instead match a lossless reference
///   within tolerance (<see cref="LossyComparison"/>) or, without one, pass on shape;
/// • the header fields the manifest gives match (rows, columns, bits, photometric, samples, frames, rescale,
///   transfer syntax, modality);
/// • files in <see cref="CorpusExpectations.Failures"/> raise that DicomException kind with a reason and tag or offset;
///   other broken/ files read cleanly;
/// • files in <see cref="CorpusExpectations.Unsupported"/> fail with UnsupportedTransferSyntax and nothing else.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    // Generous because the suite shares two cores with parallel builds; a hang still fails instead of blocking.
    private static readonly TimeSpan PerFileLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GivenEveryManifestFile_WhenReadAndDecoded_ThenHashesHeadersAndErrorsMatchTheManifest()
    {
        var mismatches = new List<string>();
        var outcomes = new Dictionary<Outcome, int>();
        foreach (var row in Manifest.Rows)
        {
            var fileMismatches = new List<string>();
            var task = Task.Run(() => CorpusFileCheck.Check(row, fileMismatches));
            Outcome? outcome = null;
            try
            {
                outcome = await task.WaitAsync(PerFileLimit);
            }
            catch (TimeoutException)
            {
                fileMismatches.Add($"{row["path"]}: no answer within {PerFileLimit.TotalSeconds} s");
            }
            catch (Exception e)
            {
                fileMismatches.Add($"{row["path"]}: unexpected {e.GetType().Name}: {e.Message}");
            }
            lock (fileMismatches)
                mismatches.AddRange(fileMismatches);
            if (outcome is { } counted)
                outcomes[counted] = outcomes.GetValueOrDefault(counted) + 1;
        }

        var line = $"dicom corpus: {outcomes.GetValueOrDefault(Outcome.Identical)} identical, "
            + $"{outcomes.GetValueOrDefault(Outcome.ExpectedError)} expected errors, "
            + $"{outcomes.GetValueOrDefault(Outcome.Unsupported)} unsupported";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatch(es):\n" + string.Join('\n', mismatches));
    }
}
