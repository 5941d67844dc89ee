using System.Net;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Platform.Tests.DicomWeb;
using HeadCt.Platform.Tests.Support;
using HeadCt.StudyIndex.Writing;
using Npgsql;

namespace HeadCt.Platform.Tests.Index;

/// <summary>
/// GET /worklist from the index: triage order (applicable positive findings first by probability, then arrival),
/// time order, filters and paging. The rows are written to the real index by the index writer with a modality code
/// no other test uses, and removed afterwards.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class WorklistTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenResultsOfDifferentSuspicion_WhenTheWorklistIsSortedByPriority_ThenApplicablePositivesComeFirstByProbability()
    {
        var modality = "T" + Random.Shared.Next(100_000, 999_999);
        await using var database = NpgsqlDataSource.Create(await IndexDatabase.ConnectionStringAsync(fixture));
        var writer = IndexDatabase.Writer(database);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        (string Name, double? Probability, bool? Positive, string? Applicability, string? Review)[] studies =
        [
            ("old-negative", 0.10, false, "applicable", null),
            ("positive-70", 0.70, true, "applicable", "agree"),
            ("positive-not-applicable", 0.99, true, "not-applicable", null),
            ("positive-90", 0.90, true, null, null),
            ("pending", null, null, null, null),
            ("new-negative", 0.20, false, "applicable", "disagree"),
        ];
        var ids = new Dictionary<string, string>();
        try
        {
            for (var i = 0; i < studies.Length; i++)
            {
                var id = Guid.NewGuid().ToString("N");
                ids[id] = studies[i].Name;
                await writer.IndexStudyAsync(new StudyArrival(id, start.AddMinutes(i), StudyArrival.UploadSource, 1, [Instance(modality)]), default);
                if (studies[i].Probability is { } probability)
                {
                    await writer.ApplyResultAsync(id, new ResultSummary("completed", null, start.AddMinutes(i + 1), probability,
                        studies[i].Positive, 0.5, "demo", "1", studies[i].Applicability, null, studies[i].Review), default);
                }
            }

            using var gateway = fixture.CreateGatewayClient();
            var priority = await NamesAsync(gateway, $"/worklist?modality={modality}", ids);
            var byTime = await NamesAsync(gateway, $"/worklist?modality={modality}&sort=time", ids);
            var positives = await NamesAsync(gateway, $"/worklist?modality={modality}&decision=positive", ids);
            var notApplicable = await NamesAsync(gateway, $"/worklist?modality={modality}&applicability=not-applicable", ids);
            var agreed = await NamesAsync(gateway, $"/worklist?modality={modality}&review=agree", ids);
            var queued = await NamesAsync(gateway, $"/worklist?modality={modality}&status=queued", ids);
            var secondPage = await NamesAsync(gateway, $"/worklist?modality={modality}&limit=2&offset=2", ids);

            Assert.Equal(["positive-90", "positive-70", "old-negative", "positive-not-applicable", "pending", "new-negative"], priority);
            Assert.Equal(["new-negative", "pending", "positive-90", "positive-not-applicable", "positive-70", "old-negative"], byTime);
            Assert.Equal(["positive-90", "positive-70", "positive-not-applicable"], positives);
            Assert.Equal(["positive-not-applicable"], notApplicable);
            Assert.Equal(["positive-70"], agreed);
            Assert.Equal(["pending"], queued);
            Assert.Equal(["old-negative", "positive-not-applicable"], secondPage);
        }
        finally
        {
            foreach (var id in ids.Keys)
            {
                await writer.RemoveStudyAsync(id, default);
            }
        }
    }

    [Theory]
    [InlineData("/worklist?status=done")]
    [InlineData("/worklist?from=yesterday")]
    [InlineData("/worklist?from=2024-02-01&to=2024-01-01")]
    [InlineData("/worklist?sort=probability")]
    [InlineData("/worklist?limit=1000")]
    [InlineData("/worklist?modality=ct;drop")]
    public async Task GivenAnInvalidFilter_WhenListing_Then400(string path)
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task GivenAStudyStoredWithStow_WhenProcessed_ThenTheWorklistShowsItsSourceStatusAndDicomIdentity()
    {
        var study = TestStudy.From(CorpusFiles.GeHeadSeries, "Worklist^Case", "PID-WL", "20240220", "ACC-WL", take: 4);
        using var gateway = fixture.CreateGatewayClient();
        using (var stored = await DicomWebClient.StowAsync(gateway, study.Instances.Select(instance => instance.Bytes)))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        JsonElement item = default;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await gateway.GetAsync("/worklist?sort=time&limit=50");
            var items = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
            item = items.EnumerateArray().FirstOrDefault(candidate => candidate.GetProperty("studyInstanceUid").GetString() == study.StudyInstanceUid);
            if (item.ValueKind == JsonValueKind.Object && item.GetProperty("status").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal(JsonValueKind.Object, item.ValueKind);
        Assert.Equal("stow-rs", item.GetProperty("source").GetString());
        Assert.Equal("Worklist^Case", item.GetProperty("patientName").GetString());
        Assert.Equal(4, item.GetProperty("fileCount").GetInt32());
        Assert.Equal(["CT"], item.GetProperty("modalities").EnumerateArray().Select(value => value.GetString()));
        // Whether the processor completes or refuses four tilted slices, its word has reached the index.
        Assert.Contains(item.GetProperty("status").GetString(), (string[])["completed", "failed"]);
    }

    private static IndexedInstance Instance(string modality)
    {
        var dataset = new DicomDataset();
        var study = TestStudy.NewUid();
        dataset.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetString(DicomTags.SopInstanceUid, DicomVr.UI, TestStudy.NewUid());
        dataset.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, study);
        dataset.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, TestStudy.NewUid());
        dataset.SetString(DicomTags.Modality, DicomVr.CS, modality);
        var bytes = DicomWriter.ToBytes(new DicomFile(new DicomDataset(), dataset, TransferSyntax.ExplicitVrLittleEndian), TransferSyntax.ExplicitVrLittleEndian);
        return InstanceHeaders.TryRead(1, bytes, prefixIsWholeBlob: true, out _)!;
    }

    private static async Task<List<string>> NamesAsync(HttpClient gateway, string path, IReadOnlyDictionary<string, string> names)
    {
        using var response = await gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(item => names[item.GetProperty("id").GetString()!])];
    }
}
