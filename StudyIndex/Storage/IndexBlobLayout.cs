using System.Globalization;

namespace HeadCt.StudyIndex.Storage;

/// <summary>
/// The blob names the index reads and writes. The study layout is the gateway's (Gateway/Storage/StudyBlobLayout) and
/// the result layout the processor's (Processor/Storage/StudyBlobLayout); the index only reads them.
/// </summary>
public static class IndexBlobLayout
{
    public const string StudiesRoot = "studies/";
    public const string OutboxPrefix = "index-outbox/";
    private const string InstanceExtension = ".dcm";

    public static string InstancesPrefix(string studyId) => $"studies/{studyId}/instances/";

    public static string Instance(string studyId, int number) => $"studies/{studyId}/instances/{number:D6}.dcm";

    public static string Record(string studyId) => $"studies/{studyId}/study.json";

    public static string Result(string studyId) => $"{studyId}/result.json";

    public static string OutboxMarker(OutboxKind kind, string studyId) => $"{OutboxPrefix}{kind.ToString().ToLowerInvariant()}/{studyId}";

    /// <summary>The number in <c>…/instances/000012.dcm</c>, or null for another name.</summary>
    public static int? InstanceNumber(string blobName)
    {
        var slash = blobName.LastIndexOf('/');
        var file = blobName[(slash + 1)..];
        return file.EndsWith(InstanceExtension, StringComparison.Ordinal) &&
               int.TryParse(file[..^InstanceExtension.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
