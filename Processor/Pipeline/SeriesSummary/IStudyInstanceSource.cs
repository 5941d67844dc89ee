using HeadCt.Dicom;

namespace HeadCt.Processor.Pipeline.SeriesSummary;

/// <summary>The stored instances of a study, read header-only.</summary>
public interface IStudyInstanceSource
{
    Task<IReadOnlyList<DicomImageHeader>> ReadHeadersAsync(string studyId, CancellationToken cancellationToken);
}
