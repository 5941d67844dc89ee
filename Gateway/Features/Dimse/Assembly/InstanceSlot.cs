using HeadCt.Gateway.Features.Upload.Deidentification;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// A place reserved in a study for one arriving instance: its blob number (the same as before when the SOP instance
/// is sent again) and the study's de-identifier. Exactly one of <see cref="StudyAssembly.Complete"/> and
/// <see cref="StudyAssembly.Abandon"/> ends it; until then the study is not committed.
/// </summary>
public sealed record InstanceSlot(StudyAssembly Study, int Number, StudyDeidentifier? Deidentifier)
{
    public string StudyId => Study.StudyId;
}
