namespace HeadCt.Inference.Phantoms;

/// <summary>Hyperdense lesions the phantom can carry (acute blood, about 50–90 HU).</summary>
public enum LesionKind
{
    Intraparenchymal,
    Subdural,
    Epidural,
    Subarachnoid,
}
