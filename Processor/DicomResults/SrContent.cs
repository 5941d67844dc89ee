using HeadCt.Dicom;

namespace HeadCt.Processor.DicomResults;

/// <summary>SR content items (PS3.3 C.17.3): each value type's attributes, with its relationship to the parent.</summary>
public static class SrContent
{
    public const string Contains = "CONTAINS", HasConceptModifier = "HAS CONCEPT MOD", HasObservationContext = "HAS OBS CONTEXT",
        InferredFrom = "INFERRED FROM";

    public static DicomDataset Container(string relationship, CodedConcept concept, params IEnumerable<DicomDataset>[] children)
    {
        var item = Item(relationship, "CONTAINER", concept);
        item.SetString(DicomTags.ContinuityOfContent, DicomVr.CS, "SEPARATE");
        item.SetSequence(DicomTags.ContentSequence, children.SelectMany(group => group));
        return item;
    }

    public static DicomDataset Text(string relationship, CodedConcept concept, string text)
    {
        var item = Item(relationship, "TEXT", concept);
        item.SetString(DicomTags.TextValue, DicomVr.UT, text);
        return item;
    }

    public static DicomDataset Code(string relationship, CodedConcept concept, CodedConcept value)
    {
        var item = Item(relationship, "CODE", concept);
        item.SetSequence(DicomTags.ConceptCodeSequence, [ResultDataset.Code(value)]);
        return item;
    }

    public static DicomDataset UidRef(string relationship, CodedConcept concept, string uid)
    {
        var item = Item(relationship, "UIDREF", concept);
        item.SetString(DicomTags.Uid, DicomVr.UI, uid);
        return item;
    }

    public static DicomDataset Number(string relationship, CodedConcept concept, double value, CodedConcept unit, params DicomDataset[] children)
    {
        var item = Item(relationship, "NUM", concept);
        var measured = new DicomDataset();
        measured.SetSequence(DicomTags.MeasurementUnitsCodeSequence, [ResultDataset.Code(unit)]);
        measured.SetNumbers(DicomTags.NumericValue, DicomVr.DS, value);
        item.SetSequence(DicomTags.MeasuredValueSequence, [measured]);
        if (children.Length > 0)
            item.SetSequence(DicomTags.ContentSequence, children);
        return item;
    }

    /// <summary>An IMAGE item without a concept name (as in TID 1601 Image Library Entry).</summary>
    public static DicomDataset Image(string relationship, SourceInstance instance)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.RelationshipType, DicomVr.CS, relationship);
        item.SetString(DicomTags.ValueType, DicomVr.CS, "IMAGE");
        item.SetSequence(DicomTags.ReferencedSopSequence, [ResultDataset.ImageReference(instance, false)]);
        return item;
    }

    /// <summary>A 3-D point in a frame of reference (SCOORD3D, graphic type POINT).</summary>
    public static DicomDataset Point3D(string relationship, CodedConcept concept, double[] patientMm, string frameOfReferenceUid)
    {
        var item = Item(relationship, "SCOORD3D", concept);
        item.SetString(DicomTags.GraphicType, DicomVr.CS, "POINT");
        item.SetNumbers(DicomTags.GraphicData, DicomVr.FL, patientMm);
        item.SetString(DicomTags.ReferencedFrameOfReferenceUid, DicomVr.UI, frameOfReferenceUid);
        return item;
    }

    private static DicomDataset Item(string relationship, string valueType, CodedConcept concept)
    {
        var item = new DicomDataset();
        if (relationship.Length > 0)
            item.SetString(DicomTags.RelationshipType, DicomVr.CS, relationship);
        item.SetString(DicomTags.ValueType, DicomVr.CS, valueType);
        item.SetSequence(DicomTags.ConceptNameCodeSequence, [ResultDataset.Code(concept)]);
        return item;
    }
}
