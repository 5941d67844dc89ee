using System.Diagnostics;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// Groups crashes that are the same bug: the exception type and the innermost frames of our own code.
/// Many inputs reach one faulty line; one regression test per signature is enough.
/// </summary>
internal static class CrashSignature
{
    private const int FramesInSignature = 3;

    public static string Of(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: false).GetFrames();
        var ours = new List<string>(FramesInSignature);
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType?.FullName;
            if (type is null || !type.StartsWith("HeadCt.Dicom", StringComparison.Ordinal) || type.StartsWith("HeadCt.Dicom.Fuzz", StringComparison.Ordinal))
                continue;
            ours.Add($"{type}.{method!.Name}");
            if (ours.Count == FramesInSignature)
                break;
        }
        return exception.GetType().Name + " at " + (ours.Count == 0 ? "(no library frame)" : string.Join(" < ", ours));
    }

    /// <summary>A short stable name for file names: 8 hex digits of the signature's FNV-1a hash.</summary>
    public static string ShortId(string signature)
    {
        var hash = 2166136261u;
        foreach (var c in signature)
            hash = (hash ^ c) * 16777619u;
        return hash.ToString("x8");
    }
}
