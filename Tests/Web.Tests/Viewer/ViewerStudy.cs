using System.Net.Http.Headers;
using System.Security.Cryptography;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Phantoms;

namespace HeadCt.Web.Tests.Viewer;

/// <summary>Phantom studies for the viewer tests, uploaded over HTTP (the page's upload is tested elsewhere).</summary>
internal static class ViewerStudy
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A head whose only lesion is a large bright bleed on the patient's RIGHT: −x in DICOM LPS (PS3.3 C.7.6.2.1.1,
    /// +x points to the patient's left). Radiological convention puts it on the IMAGE LEFT of axial and coronal views.
    /// The head is centred and upright so the lesion sits on the middle axial slice.
    /// </summary>
    public static HeadPhantomSpec RightSidedBleed(int sizeXy = 76, int sizeZ = 34, double pixelMm = 2.7, double sliceMm = 4.8)
    {
        var head = HeadPhantomSpec.Random(11, lesion: null) with
        {
            SizeX = sizeXy,
            SizeY = sizeXy,
            SizeZ = sizeZ,
            PixelSpacingMm = pixelMm,
            SliceSpacingMm = sliceMm,
            HeadCentre = default,
            PoseDegrees = default,
        };
        return head with
        {
            Lesion = new LesionSpec(LesionKind.Intraparenchymal, 85, new Vector3d(-1, 0, 0), 0.5, new Vector3d(20, 20, 16), 0, 0),
        };
    }

    /// <summary>The patient of the applicable study, so the screenshot shows a full identity banner.</summary>
    public static readonly PhantomPatient Patient = new("VIEWER^VERA", "VW-0420", "F", "19610518", "20261203", "093000", "ACC-VW-420", "CT HEAD WITHOUT CONTRAST");

    /// <summary>A thin-slice head CT of full size: 512 × 512 pixels of 0.45 mm, <paramref name="slices"/> slices of 0.5 mm.</summary>
    public static HeadPhantomSpec ThinSliceHead(int slices = 324) => HeadPhantomSpec.Random(5, lesion: null) with
    {
        SizeX = 512,
        SizeY = 512,
        SizeZ = slices,
        PixelSpacingMm = 0.45,
        SliceSpacingMm = 0.5,
    };

    /// <summary>Uploads the files, waits for the result to complete; returns the upload id.</summary>
    public static async Task<string> UploadAsync(HttpClient gateway, IReadOnlyList<string> files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            form.Add(part, "files", Path.GetFileName(file));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "upload") { Content = form };
        request.Headers.Add("Idempotency-Key", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        using var response = await gateway.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var deadline = DateTime.UtcNow + ProcessingTimeout;
        while (true)
        {
            var result = await gateway.GetFromJsonAsync<JsonElement>($"results/{id}");
            var status = result.GetProperty("status").GetString();
            if (status == "completed")
            {
                return id;
            }

            Assert.True(status != "failed", $"Study {id} failed: {result}");
            Assert.True(DateTime.UtcNow < deadline, $"Study {id} still {status} after {ProcessingTimeout}.");
            await Task.Delay(500);
        }
    }
}
