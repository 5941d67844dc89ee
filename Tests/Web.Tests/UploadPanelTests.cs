using System.IO.Compression;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeadCt.Web.Tests;

/// <summary>
/// Issue 6 part 2: a .zip dropped on the drop zone is uploaded as it is (the gateway unpacks it) and the study appears
/// in GET /results, newest first, with its file count and status, and on the worklist; a study the processor refuses
/// ends "failed" on the page with the processor's reason in words.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class UploadPanelTests(WebAppFixture app) : ChromiumTest
{
    [Fact]
    public async Task GivenZipOfSeries_WhenDroppedOnTheDropZone_ThenStudyIsStoredListedAndCompletes()
    {
        using var series = new PhantomSeries(seed: 11, LesionKind.Epidural);
        var zip = Zip(series.Files);
        var page = await OpenSignedInAsync();

        // A drop as the browser delivers it from the desktop: a DataTransfer holding the file.
        var dataTransfer = await page.EvaluateHandleAsync("""
            (base64) => {
              const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'phantom-series.zip', { type: 'application/zip' }));
              return transfer;
            }
            """, Convert.ToBase64String(zip));
        await page.DispatchEventAsync("#drop-zone", "dragover", new { dataTransfer });
        await Expect(page.Locator("#drop-zone")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdragging\b"));
        await page.DispatchEventAsync("#drop-zone", "drop", new { dataTransfer });

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/studies/[0-9a-f]{32}$"));
        var id = page.Url[^32..];
        await Expect(page.Locator("#upload-message")).ToContainTextAsync($"Stored {series.Files.Count} DICOM files");
        await Expect(page.Locator("#upload-progress")).ToHaveAttributeAsync("value", zip.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#status-text")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });
        await Expect(page.Locator($"#worklist-rows tr[data-id='{id}'] .badge.status-completed")).ToHaveTextAsync("Completed");

        using var gateway = app.CreateGatewayClient();
        var list = await gateway.GetFromJsonAsync<JsonElement>("results?limit=100");
        var studies = list.GetProperty("studies").EnumerateArray().ToList();
        var entry = studies.Single(study => study.GetProperty("id").GetString() == id);
        Assert.Equal("completed", entry.GetProperty("status").GetString());
        Assert.Equal(series.Files.Count, entry.GetProperty("fileCount").GetInt32());
        var uploadedAt = studies.Select(study => study.GetProperty("uploadedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(uploadedAt.OrderByDescending(time => time), uploadedAt);

        foreach (var limit in new[] { "0", "101", "ten" })
        {
            using var refused = await gateway.GetAsync($"results?limit={limit}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var deleted = await gateway.DeleteAsync($"results/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await gateway.GetFromJsonAsync<JsonElement>("results?limit=100");
        Assert.DoesNotContain(after.GetProperty("studies").EnumerateArray(), study => study.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task GivenTooFewSlices_WhenUploaded_ThenPageShowsFailedWithTheProcessorsReason()
    {
        using var series = new PhantomSeries(seed: 3, LesionKind.Intraparenchymal);
        var page = await OpenSignedInAsync();

        await page.Locator("#file-input").SetInputFilesAsync(series.Files.Take(2));

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/studies/[0-9a-f]{32}$"));
        var id = page.Url[^32..];
        await Expect(page.Locator("#status-text")).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 90_000 });
        using var gateway = app.CreateGatewayClient();
        var result = await gateway.GetFromJsonAsync<JsonElement>($"results/{id}");
        var reason = result.GetProperty("failureReason").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        await Expect(page.Locator("#status-text")).ToContainTextAsync($"Failed. The study could not be processed: {reason}");
        await Expect(page.Locator("#status-steps li[data-step='done']")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#no-prediction")).ToContainTextAsync("processing failed");
        await Expect(page.Locator("#viewer")).ToBeHiddenAsync();
        await Expect(page.Locator($"#worklist-rows tr[data-id='{id}'] .badge.status-failed")).ToHaveTextAsync("Failed");

        using var deleted = await gateway.DeleteAsync($"results/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private async Task<IPage> OpenSignedInAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.GatewayAddress.ToString() });
        var page = await context.NewPageAsync();
        SetDefaultExpectTimeout(20_000);
        await page.GotoAsync("/");
        await page.GetByLabel("API key").FillAsync(app.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        return page;
    }

    private static byte[] Zip(IReadOnlyList<string> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                archive.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Fastest);
            }
        }

        return buffer.ToArray();
    }
}
