using HeadCt.Dicom;
using HeadCt.Imaging;
using HeadCt.Processor.Pipeline;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.Worker;

/// <summary>
/// Which failures a retry can fix. Storage away, a lost lease, a cancelled call: yes, they depend on the moment.
/// Everything the study's own bytes decide (malformed DICOM, an unusable series, a size that overflows, an
/// unsupported format) fails the same way every time, so the job ends at once instead of three attempts later.
/// </summary>
internal static class JobFailures
{
    public static bool IsPermanent(Exception error) => error switch
    {
        PipelineException pipeline => pipeline.Permanent,
        StorageUnavailableException or OperationCanceledException or TimeoutException or IOException => false,
        DicomException or ImagingException or OverflowException or InvalidDataException or FormatException
            or NotSupportedException or ArgumentException or IndexOutOfRangeException or InvalidCastException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsPermanent),
        _ => false,
    };

    /// <summary>Pipeline and DICOM errors explain themselves; anything else is named by type, not echoed.</summary>
    public static string ReasonOf(Exception error) => error switch
    {
        PipelineException or DicomException => error.Message,
        ImagingException imaging => imaging.Reason,
        StorageUnavailableException => "Storage was unavailable.",
        OutOfMemoryException => "The processor ran out of memory on this study; it is tried again (Worker:MaxAttempts) when other work has finished.",
        OverflowException => "A size declared in the study's data overflows what can be computed (OverflowException); retrying would not help.",
        AggregateException { InnerExceptions.Count: > 0 } aggregate => ReasonOf(aggregate.InnerExceptions[0]),
        _ when IsPermanent(error) => $"The study's data cannot be processed ({error.GetType().Name}); retrying would not help.",
        _ => $"Unexpected {error.GetType().Name}.",
    };
}
