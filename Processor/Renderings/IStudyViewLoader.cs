using HeadCt.Processor.Results;

namespace HeadCt.Processor.Renderings;

/// <summary>Makes the view of a completed study that is not in memory.</summary>
public interface IStudyViewLoader
{
    Task<StudyView> LoadAsync(ResultDocument document, CancellationToken cancellationToken);
}
