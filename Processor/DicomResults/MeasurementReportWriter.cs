using System.Globalization;
using HeadCt.Dicom;
using static HeadCt.Processor.DicomResults.SrContent;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// The study's finding as a Comprehensive 3D SR document following TID 1500 Measurement Report: language, device
/// observer (TID 1001/1004), procedure reported, the image library of the analysed series (TID 1600), and one
/// measurement group (TID 1501) with the finding present/absent, the probability as a NUM, the attention peak as a
/// SCOORD3D point and the algorithm identification (TID 4019). A study that was not evaluated gets the group with a
/// comment saying why instead of the finding, probability and peak.
/// </summary>
public static class MeasurementReportWriter
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.88.34";

    public static DicomFile Write(ResultObjectRequest request, ResultSeries series, string sopInstanceUid)
    {
        var source = request.Source;
        var ds = ResultDataset.Start(request, series, SopClassUid, sopInstanceUid, 1);
        ds.SetSequence(DicomTags.ReferencedPerformedProcedureStepSequence, []);
        ds.SetString(DicomTags.CompletionFlag, DicomVr.CS, "COMPLETE");
        ds.SetString(DicomTags.VerificationFlag, DicomVr.CS, "UNVERIFIED");
        ds.SetSequence(DicomTags.PerformedProcedureCodeSequence, []);
        ds.SetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, [Evidence(source)]);

        ds.SetString(DicomTags.ValueType, DicomVr.CS, "CONTAINER");
        ds.SetSequence(DicomTags.ConceptNameCodeSequence, [ResultDataset.Code(ResultCodes.ImagingMeasurementReport)]);
        ds.SetString(DicomTags.ContinuityOfContent, DicomVr.CS, "SEPARATE");
        var template = new DicomDataset();
        template.SetString(DicomTags.MappingResource, DicomVr.CS, "DCMR");
        template.SetString(DicomTags.TemplateIdentifier, DicomVr.CS, "1500");
        ds.SetSequence(DicomTags.ContentTemplateSequence, [template]);
        ds.SetSequence(DicomTags.ContentSequence, RootContent(request, sopInstanceUid));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVrLittleEndian);
    }

    private static IEnumerable<DicomDataset> RootContent(ResultObjectRequest request, string sopInstanceUid)
    {
        var model = request.Model;
        yield return Code(HasConceptModifier, ResultCodes.LanguageOfContent, ResultCodes.EnglishUs);
        yield return Code(HasObservationContext, ResultCodes.ObserverType, ResultCodes.Device);
        yield return UidRef(HasObservationContext, ResultCodes.DeviceObserverUid, ResultUids.For("device", model.Sha256, "observer"));
        yield return Text(HasObservationContext, ResultCodes.DeviceObserverName, model.Name);
        yield return Text(HasObservationContext, ResultCodes.DeviceObserverManufacturer, ResultDataset.Manufacturer);
        yield return Text(HasObservationContext, ResultCodes.DeviceObserverModelName, $"{model.Name} {model.Version}");
        yield return Code(HasConceptModifier, ResultCodes.ProcedureReported, ResultCodes.CtOfHead);
        yield return Container(Contains, ResultCodes.ImageLibrary,
            [Container(Contains, ResultCodes.ImageLibraryGroup, request.Source.Instances.Select(instance => Image(Contains, instance)))]);
        yield return Container(Contains, ResultCodes.ImagingMeasurements, [Container(Contains, ResultCodes.MeasurementGroup, Group(request, sopInstanceUid))]);
    }

    private static IEnumerable<DicomDataset> Group(ResultObjectRequest request, string sopInstanceUid)
    {
        var finding = request.Finding;
        yield return Text(HasObservationContext, ResultCodes.TrackingIdentifier, "intracranial hemorrhage");
        yield return UidRef(HasObservationContext, ResultCodes.TrackingUniqueIdentifier, sopInstanceUid + ".1");
        yield return Code(Contains, ResultCodes.Finding, ResultCodes.IntracranialHemorrhage);
        yield return Code(HasConceptModifier, ResultCodes.FindingSite, ResultCodes.Brain);
        foreach (var item in AlgorithmIdentification(request.Model, finding))
            yield return item;
        if (finding.Probability is not { } probability)
        {
            yield return Text(Contains, ResultCodes.Comment,
                $"Not evaluated: {finding.NotEvaluatedReason ?? "the model gave no output."} No finding is reported for this study.");
            yield break;
        }

        yield return Code(Contains, ResultCodes.IntracranialHemorrhage, finding.Positive == true ? ResultCodes.Present : ResultCodes.Absent);
        var peak = request.PeakPatientMm is { } at && request.Source.FrameOfReferenceUid is { } frame
            ? new[] { Point3D(InferredFrom, ResultCodes.ImageRegion, at, frame) }
            : [];
        yield return Number(Contains, ResultCodes.IntracranialHemorrhage, probability, ResultCodes.Probability, peak);
        if (request.Model.IsDemonstrator)
            yield return Text(Contains, ResultCodes.Comment, "DEMONSTRATOR - not for diagnosis. " + request.Model.IntendedUse);
    }

    /// <summary>TID 4019: name, version, and as parameters the model's SHA-256, its threshold and the rest of its configuration.</summary>
    private static IEnumerable<DicomDataset> AlgorithmIdentification(ModelIdentity model, StudyFinding finding)
    {
        yield return Text(HasConceptModifier, ResultCodes.AlgorithmName, model.Name);
        yield return Text(HasConceptModifier, ResultCodes.AlgorithmVersion, model.Version);
        yield return Text(HasConceptModifier, ResultCodes.AlgorithmParameters, $"onnx-sha256={model.Sha256}");
        yield return Text(HasConceptModifier, ResultCodes.AlgorithmParameters,
            "decision-threshold=" + finding.DecisionThreshold.ToString("0.####", CultureInfo.InvariantCulture));
        foreach (var parameter in model.Parameters)
            yield return Text(HasConceptModifier, ResultCodes.AlgorithmParameters, parameter);
    }

    /// <summary>Hierarchical SOP Instance Reference (PS3.3 C.17.2.1) of the analysed series.</summary>
    private static DicomDataset Evidence(SourceStudy source)
    {
        var series = new DicomDataset();
        series.SetSequence(DicomTags.ReferencedSopSequence, source.Instances.Select(instance => ResultDataset.ImageReference(instance, false)));
        series.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, source.SeriesInstanceUid);
        var study = new DicomDataset();
        study.SetSequence(DicomTags.ReferencedSeriesSequence, [series]);
        study.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, source.StudyInstanceUid);
        return study;
    }
}
