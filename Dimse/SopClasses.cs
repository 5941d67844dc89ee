namespace HeadCt.Dimse;

/// <summary>
/// SOP classes (PS3.4 Annex A, B; PS3.6 Annex A) this implementation knows by name: Verification and the storage
/// classes a head-CT workflow sends or that this system writes itself (secondary capture, segmentation, structured
/// reports, presentation states, encapsulated PDF).
/// </summary>
public static class SopClasses
{
    public const string Verification = "1.2.840.10008.1.1";

    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string EnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";
    public const string LegacyConvertedEnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.2";
    public const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public const string EnhancedMrImageStorage = "1.2.840.10008.5.1.4.1.1.4.1";
    public const string LegacyConvertedEnhancedMrImageStorage = "1.2.840.10008.5.1.4.1.1.4.4";
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";
    public const string MultiFrameSingleBitSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.1";
    public const string MultiFrameGrayscaleByteSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.2";
    public const string MultiFrameGrayscaleWordSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.3";
    public const string MultiFrameTrueColorSecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7.4";
    public const string GrayscaleSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.1";
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";
    public const string BasicTextSrStorage = "1.2.840.10008.5.1.4.1.1.88.11";
    public const string EnhancedSrStorage = "1.2.840.10008.5.1.4.1.1.88.22";
    public const string ComprehensiveSrStorage = "1.2.840.10008.5.1.4.1.1.88.33";
    public const string KeyObjectSelectionDocumentStorage = "1.2.840.10008.5.1.4.1.1.88.59";
    public const string EncapsulatedPdfStorage = "1.2.840.10008.5.1.4.1.1.104.1";

    /// <summary>What a head-CT AI node accepts by default: the images it analyses and the objects it (later) writes.</summary>
    public static IReadOnlyList<string> HeadCtStorage { get; } =
    [
        CtImageStorage, EnhancedCtImageStorage, LegacyConvertedEnhancedCtImageStorage,
        MrImageStorage, EnhancedMrImageStorage, LegacyConvertedEnhancedMrImageStorage,
        SecondaryCaptureImageStorage, MultiFrameSingleBitSecondaryCaptureImageStorage,
        MultiFrameGrayscaleByteSecondaryCaptureImageStorage, MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
        MultiFrameTrueColorSecondaryCaptureImageStorage, GrayscaleSoftcopyPresentationStateStorage, SegmentationStorage,
        BasicTextSrStorage, EnhancedSrStorage, ComprehensiveSrStorage, KeyObjectSelectionDocumentStorage, EncapsulatedPdfStorage,
    ];
}
