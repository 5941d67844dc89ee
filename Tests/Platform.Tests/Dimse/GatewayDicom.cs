using System.Net;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.Dimse.Assembly;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Dimse;

/// <summary>What the DICOM tests ask of the running gateway: which study a file lands in, its result, its stored data sets, its audit.</summary>
public static class GatewayDicom
{
    public static readonly TimeSpan StudyTimeout = TimeSpan.FromMinutes(2);

    public static string StudyInstanceUidOf(string path) =>
        DicomReader.ReadFile(path, new DicomReadOptions { StopBeforePixelData = true }).Dataset.GetString(DicomTags.StudyInstanceUid)!;

    /// <summary>The gateway's id of the study a file belongs to (derived from its Study Instance UID).</summary>
    public static string StudyIdOf(string path) => DimseStudyId.For(StudyInstanceUidOf(path));

    /// <summary>Polls GET /results/{id} until it is completed with <paramref name="instances"/> instances in its series.</summary>
    public static async Task<JsonElement> WaitForCompletedAsync(HttpClient gateway, string id, int instances)
    {
        var deadline = DateTime.UtcNow + StudyTimeout;
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await gateway.GetAsync($"/results/{id}");
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                var status = document.GetProperty("status").GetString();
                Assert.NotEqual("failed", status);
                if (status == "completed" && document.GetProperty("series").EnumerateArray().Sum(s => s.GetProperty("instanceCount").GetInt32()) == instances)
                    return document;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Study {id} was not completed with {instances} instances within {StudyTimeout}; last answer: {last}");
    }

    /// <summary>The data sets (bytes after the File Meta Information) of the study's stored instances, by SOP Instance UID.</summary>
    public static async Task<Dictionary<string, byte[]>> StoredDataSetsAsync(StorageProbe storage, string studyId)
    {
        var sets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in await storage.ReadAllAsync(StorageProbe.DicomContainer, $"studies/{studyId}/instances/"))
        {
            var header = DicomReader.ReadPartTenHeader(file, true);
            sets[header.SopInstanceUid!] = file[header.DatasetOffset..];
        }

        return sets;
    }

    /// <summary>The audit events since <paramref name="from"/>, of one study when given.</summary>
    public static async Task<List<JsonElement>> AuditAsync(HttpClient gateway, DateTimeOffset from, string? studyId = null)
    {
        var query = $"/audit?from={Uri.EscapeDataString(from.AddSeconds(-5).ToString("O"))}" + (studyId is null ? "" : $"&study={studyId}");
        using var response = await gateway.GetAsync(query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static void AssertSameDataSets(IReadOnlyDictionary<string, byte[]> expected, IReadOnlyDictionary<string, byte[]> actual, string what)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (uid, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[uid]), $"{what}: instance {uid} differs ({bytes.Length} vs {actual[uid].Length} bytes)");
    }
}
