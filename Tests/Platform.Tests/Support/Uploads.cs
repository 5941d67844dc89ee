using System.IO.Compression;
using System.Net.Http.Headers;

namespace HeadCt.Platform.Tests.Support;

/// <summary>Builds multipart/form-data uploads the way a browser or curl -F would.</summary>
public static class Uploads
{
    public const string Field = "files";

    public static MultipartFormDataContent Of(IEnumerable<(string FileName, byte[] Content)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "application/dicom");
            form.Add(part, Field, fileName);
        }

        return form;
    }

    public static MultipartFormDataContent OfFiles(IEnumerable<string> paths) =>
        Of(paths.Select(path => (Path.GetFileName(path), File.ReadAllBytes(path))));

    public static byte[] Zip(IEnumerable<(string EntryName, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
