using HeadCt.Platform.Tests.Support;

namespace HeadCt.Web.Tests.Support;

/// <summary>
/// The studies the worklist tests (Chromium and Firefox) look at, uploaded through the API so the page only has to
/// show them: a phantom with a subdural lesion (uploaded first, so "newest first" puts it second) and one without, each
/// with a patient of its own; optionally a study that fails (two slices) and one the model does not apply to.
/// </summary>
public sealed class WorklistStudies : IAsyncDisposable
{
    public static readonly PhantomPatient Suspicious = new("WLALPHA^ADA", "WL-ALPHA-71", "F", "19580312", "20261201", "081500", "ACC-ALPHA-1", "CT HEAD WL ALPHA");
    public static readonly PhantomPatient Quiet = new("WLBRAVO^BEN", "WL-BRAVO-72", "M", "19900704", "20261202", "141000", "ACC-BRAVO-2", "CT HEAD WL BRAVO");

    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(120);
    private static readonly string AbdomenCt = Path.Combine(RepositoryPaths.Root, "..", "shared", "dicom-corpus", "series", "ct_3slice_implicit_dcmqi");

    private readonly HttpClient _gateway;
    private readonly List<string> _ids = [];

    private WorklistStudies(HttpClient gateway) => _gateway = gateway;

    public string SuspiciousId { get; private set; } = "";
    public string QuietId { get; private set; } = "";
    public string? FailedId { get; private set; }
    public string? NotApplicableId { get; private set; }
    public JsonElement SuspiciousResult { get; private set; }
    public JsonElement QuietResult { get; private set; }

    public static async Task<WorklistStudies> UploadAsync(WebAppFixture app, bool withFailedAndNotApplicable)
    {
        var studies = new WorklistStudies(app.CreateGatewayClient());
        using (var suspicious = new PhantomSeries(seed: 7, LesionKind.Subdural, Suspicious))
        {
            studies.SuspiciousId = await studies.AddAsync(suspicious.Files);
        }

        using (var quiet = new PhantomSeries(seed: 8, lesion: null, Quiet))
        {
            studies.QuietId = await studies.AddAsync(quiet.Files);
        }

        if (withFailedAndNotApplicable)
        {
            using var few = new PhantomSeries(seed: 3, LesionKind.Intraparenchymal);
            studies.FailedId = await studies.AddAsync(few.Files.Take(2));
            studies.NotApplicableId = await studies.AddAsync(Directory.GetFiles(AbdomenCt).Order(StringComparer.Ordinal));
        }

        studies.SuspiciousResult = (await ResultPolling.WaitForStatusAsync(studies._gateway, studies.SuspiciousId, JobTimeout, "completed")).Document;
        studies.QuietResult = (await ResultPolling.WaitForStatusAsync(studies._gateway, studies.QuietId, JobTimeout, "completed")).Document;
        if (withFailedAndNotApplicable)
        {
            await ResultPolling.WaitForStatusAsync(studies._gateway, studies.FailedId!, JobTimeout, "failed");
            await ResultPolling.WaitForStatusAsync(studies._gateway, studies.NotApplicableId!, JobTimeout, "completed");
        }

        return studies;
    }

    /// <summary>The study's row of GET /worklist (its Study Instance UID, identity, priority).</summary>
    public async Task<JsonElement> WorklistItemAsync(string id)
    {
        var page = await _gateway.GetFromJsonAsync<JsonElement>("worklist?sort=time&limit=100");
        return page.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetString() == id);
    }

    private async Task<string> AddAsync(IEnumerable<string> files)
    {
        var id = await StudyUploader.UploadAsync(_gateway, files);
        _ids.Add(id);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            using var deleted = await _gateway.DeleteAsync($"results/{id}");
        }

        _gateway.Dispose();
    }
}
