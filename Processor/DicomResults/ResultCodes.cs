namespace HeadCt.Processor.DicomResults;

/// <summary>A coded concept (PS3.3 Table 8.8-1): value, coding scheme, meaning.</summary>
public sealed record CodedConcept(string Value, string Scheme, string Meaning);

/// <summary>
/// The coded concepts of our objects, from PS3.16 (DCM: DICOM Controlled Terminology, Annex D; SCT: SNOMED CT; UCUM
/// units). Why each was chosen is in the README section "Results as DICOM objects".
/// </summary>
public static class ResultCodes
{
    public static readonly CodedConcept ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");
    public static readonly CodedConcept LanguageOfContent = new("121049", "DCM", "Language of Content Item and Descendants");
    public static readonly CodedConcept EnglishUs = new("en-US", "RFC5646", "English (United States)");
    public static readonly CodedConcept ObserverType = new("121005", "DCM", "Observer Type");
    public static readonly CodedConcept Device = new("121007", "DCM", "Device");
    public static readonly CodedConcept DeviceObserverUid = new("121012", "DCM", "Device Observer UID");
    public static readonly CodedConcept DeviceObserverName = new("121013", "DCM", "Device Observer Name");
    public static readonly CodedConcept DeviceObserverManufacturer = new("121014", "DCM", "Device Observer Manufacturer");
    public static readonly CodedConcept DeviceObserverModelName = new("121015", "DCM", "Device Observer Model Name");
    public static readonly CodedConcept ProcedureReported = new("121058", "DCM", "Procedure reported");
    public static readonly CodedConcept CtOfHead = new("77477000", "SCT", "Computerized axial tomography");
    public static readonly CodedConcept ImageLibrary = new("111028", "DCM", "Image Library");
    public static readonly CodedConcept ImageLibraryGroup = new("126200", "DCM", "Image Library Group");
    public static readonly CodedConcept ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");
    public static readonly CodedConcept MeasurementGroup = new("125007", "DCM", "Measurement Group");
    public static readonly CodedConcept TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");
    public static readonly CodedConcept TrackingUniqueIdentifier = new("112040", "DCM", "Tracking Unique Identifier");
    public static readonly CodedConcept Finding = new("121071", "DCM", "Finding");
    public static readonly CodedConcept FindingSite = new("363698007", "SCT", "Finding Site");
    public static readonly CodedConcept Brain = new("12738006", "SCT", "Brain");
    public static readonly CodedConcept IntracranialHemorrhage = new("1386000", "SCT", "Intracranial hemorrhage");
    public static readonly CodedConcept Present = new("52101004", "SCT", "Present");
    public static readonly CodedConcept Absent = new("2667000", "SCT", "Absent");
    public static readonly CodedConcept Comment = new("121106", "DCM", "Comment");
    public static readonly CodedConcept AlgorithmName = new("111001", "DCM", "Algorithm Name");
    public static readonly CodedConcept AlgorithmVersion = new("111003", "DCM", "Algorithm Version");
    public static readonly CodedConcept AlgorithmParameters = new("111002", "DCM", "Algorithm Parameters");
    public static readonly CodedConcept ImageRegion = new("111030", "DCM", "Image Region");
    public static readonly CodedConcept Probability = new("{probability}", "UCUM", "probability");
    public static readonly CodedConcept SourceImageForProcessing = new("121322", "DCM", "Source image for image processing operation");
    public static readonly CodedConcept TissueCategory = new("85756007", "SCT", "Tissue");
    public static readonly CodedConcept MorphologicallyAbnormalStructure = new("49755003", "SCT", "Morphologically Altered Structure");
}
