namespace HeadCt.Processor.Pipeline.Volumes;

/// <summary>The stored instances of a study, copied to local files for the volume builder.</summary>
public interface IStudyFileSource
{
    Task<LocalStudyFiles> DownloadAsync(string studyId, CancellationToken cancellationToken);
}

/// <summary>A temporary folder with a study's instance files; deleted on dispose.</summary>
public sealed class LocalStudyFiles(string folder, IReadOnlyList<string> paths) : IDisposable
{
    public IReadOnlyList<string> Paths { get; } = paths;

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
