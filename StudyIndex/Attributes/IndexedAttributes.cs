using HeadCt.Dicom;

namespace HeadCt.StudyIndex.Attributes;

/// <summary>
/// The attributes the index can match and return: the required matching keys of PS3.18 Table 10.6.1-5 and the
/// return keys of Tables 10.6.3-3 (study), 10.6.3-4 (series) and 10.6.3-5 (instance). The column names are those of
/// the <c>studies</c>, <c>series</c> and <c>instances</c> tables (a lower level table also has every higher column).
/// </summary>
public static class IndexedAttributes
{
    public static readonly IndexedAttribute StudyDate = new("StudyDate", DicomTags.StudyDate, DicomVr.DA, QidoLevel.Study, "study_date", MatchKind.Date);
    public static readonly IndexedAttribute StudyTime = new("StudyTime", DicomTags.StudyTime, DicomVr.TM, QidoLevel.Study, "study_time", MatchKind.Time);
    public static readonly IndexedAttribute AccessionNumber = new("AccessionNumber", DicomTags.AccessionNumber, DicomVr.SH, QidoLevel.Study, "accession_number", MatchKind.Text);
    public static readonly IndexedAttribute ModalitiesInStudy = new("ModalitiesInStudy", new DicomTag(0x0008, 0x0061), DicomVr.CS, QidoLevel.Study, "modalities", MatchKind.AnyOf);
    public static readonly IndexedAttribute ReferringPhysicianName = new("ReferringPhysicianName", DicomTags.ReferringPhysicianName, DicomVr.PN, QidoLevel.Study, "referring_physician_name", MatchKind.PersonName);
    public static readonly IndexedAttribute StudyDescription = new("StudyDescription", DicomTags.StudyDescription, DicomVr.LO, QidoLevel.Study, "study_description", MatchKind.Text, Default: false);
    public static readonly IndexedAttribute PatientName = new("PatientName", DicomTags.PatientName, DicomVr.PN, QidoLevel.Study, "patient_name", MatchKind.PersonName);
    public static readonly IndexedAttribute PatientId = new("PatientID", DicomTags.PatientId, DicomVr.LO, QidoLevel.Study, "patient_id", MatchKind.Text);
    public static readonly IndexedAttribute PatientBirthDate = new("PatientBirthDate", DicomTags.PatientBirthDate, DicomVr.DA, QidoLevel.Study, "patient_birth_date", MatchKind.Date);
    public static readonly IndexedAttribute PatientSex = new("PatientSex", DicomTags.PatientSex, DicomVr.CS, QidoLevel.Study, "patient_sex", MatchKind.Text);
    public static readonly IndexedAttribute StudyInstanceUid = new("StudyInstanceUID", DicomTags.StudyInstanceUid, DicomVr.UI, QidoLevel.Study, "study_instance_uid", MatchKind.Uid);
    public static readonly IndexedAttribute StudyId = new("StudyID", DicomTags.StudyId, DicomVr.SH, QidoLevel.Study, "study_id_dicom", MatchKind.Text);
    public static readonly IndexedAttribute NumberOfStudyRelatedSeries = new("NumberOfStudyRelatedSeries", new DicomTag(0x0020, 0x1206), DicomVr.IS, QidoLevel.Study, "series_count", MatchKind.ReturnOnly);
    public static readonly IndexedAttribute NumberOfStudyRelatedInstances = new("NumberOfStudyRelatedInstances", new DicomTag(0x0020, 0x1208), DicomVr.IS, QidoLevel.Study, "instance_count", MatchKind.ReturnOnly);

    public static readonly IndexedAttribute Modality = new("Modality", DicomTags.Modality, DicomVr.CS, QidoLevel.Series, "modality", MatchKind.Text);
    public static readonly IndexedAttribute SeriesInstanceUid = new("SeriesInstanceUID", DicomTags.SeriesInstanceUid, DicomVr.UI, QidoLevel.Series, "series_instance_uid", MatchKind.Uid);
    public static readonly IndexedAttribute SeriesNumber = new("SeriesNumber", DicomTags.SeriesNumber, DicomVr.IS, QidoLevel.Series, "series_number", MatchKind.Integer);
    public static readonly IndexedAttribute SeriesDescription = new("SeriesDescription", DicomTags.SeriesDescription, DicomVr.LO, QidoLevel.Series, "series_description", MatchKind.Text);
    public static readonly IndexedAttribute PerformedProcedureStepStartDate = new("PerformedProcedureStepStartDate", new DicomTag(0x0040, 0x0244), DicomVr.DA, QidoLevel.Series, "performed_procedure_step_start_date", MatchKind.Date);
    public static readonly IndexedAttribute PerformedProcedureStepStartTime = new("PerformedProcedureStepStartTime", new DicomTag(0x0040, 0x0245), DicomVr.TM, QidoLevel.Series, "performed_procedure_step_start_time", MatchKind.Time);
    public static readonly IndexedAttribute NumberOfSeriesRelatedInstances = new("NumberOfSeriesRelatedInstances", new DicomTag(0x0020, 0x1209), DicomVr.IS, QidoLevel.Series, "instance_count", MatchKind.ReturnOnly);

    public static readonly IndexedAttribute SopClassUid = new("SOPClassUID", DicomTags.SopClassUid, DicomVr.UI, QidoLevel.Instance, "sop_class_uid", MatchKind.Uid);
    public static readonly IndexedAttribute SopInstanceUid = new("SOPInstanceUID", DicomTags.SopInstanceUid, DicomVr.UI, QidoLevel.Instance, "sop_instance_uid", MatchKind.Uid);
    public static readonly IndexedAttribute InstanceNumber = new("InstanceNumber", DicomTags.InstanceNumber, DicomVr.IS, QidoLevel.Instance, "instance_number", MatchKind.Integer);
    public static readonly IndexedAttribute Rows = new("Rows", DicomTags.Rows, DicomVr.US, QidoLevel.Instance, "rows", MatchKind.ReturnOnly);
    public static readonly IndexedAttribute Columns = new("Columns", DicomTags.Columns, DicomVr.US, QidoLevel.Instance, "columns", MatchKind.ReturnOnly);
    public static readonly IndexedAttribute BitsAllocated = new("BitsAllocated", DicomTags.BitsAllocated, DicomVr.US, QidoLevel.Instance, "bits_allocated", MatchKind.ReturnOnly);
    public static readonly IndexedAttribute NumberOfFrames = new("NumberOfFrames", DicomTags.NumberOfFrames, DicomVr.IS, QidoLevel.Instance, "number_of_frames", MatchKind.ReturnOnly);

    public static readonly IReadOnlyList<IndexedAttribute> All =
    [
        StudyDate, StudyTime, AccessionNumber, ModalitiesInStudy, ReferringPhysicianName, StudyDescription, PatientName,
        PatientId, PatientBirthDate, PatientSex, StudyInstanceUid, StudyId, NumberOfStudyRelatedSeries,
        NumberOfStudyRelatedInstances, Modality, SeriesInstanceUid, SeriesNumber, SeriesDescription,
        PerformedProcedureStepStartDate, PerformedProcedureStepStartTime, NumberOfSeriesRelatedInstances, SopClassUid,
        SopInstanceUid, InstanceNumber, Rows, Columns, BitsAllocated, NumberOfFrames,
    ];

    /// <summary>The attribute kept for <paramref name="tag"/> at <paramref name="level"/> or a level above, or null.</summary>
    public static IndexedAttribute? Find(DicomTag tag, QidoLevel level)
    {
        foreach (var attribute in All)
        {
            if (attribute.Tag == tag && attribute.Level <= level && Applies(attribute, level))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Return-only keys (counts, pixel module) belong to their own level: a series has no NumberOfStudyRelatedSeries.</summary>
    public static bool Applies(IndexedAttribute attribute, QidoLevel level) =>
        attribute.Match != MatchKind.ReturnOnly || attribute.Level == level;

    /// <summary>The SQL alias of the table an attribute is read from in a query: studies st, series se, instances i.</summary>
    public static string Alias(QidoLevel level) => level switch
    {
        QidoLevel.Study => "st",
        QidoLevel.Series => "se",
        _ => "i",
    };

    /// <summary>The attributes of <paramref name="level"/> (and above, when <paramref name="withHigherLevels"/>).</summary>
    public static IEnumerable<IndexedAttribute> OfLevel(QidoLevel level, bool withHigherLevels)
    {
        foreach (var attribute in All)
        {
            if ((attribute.Level == level || (withHigherLevels && attribute.Level < level)) && Applies(attribute, level))
            {
                yield return attribute;
            }
        }
    }
}
