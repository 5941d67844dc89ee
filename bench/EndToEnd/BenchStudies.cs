using HeadCt.Imaging.Volume;
using HeadCt.Inference.Phantoms;

namespace HeadCt.EndToEnd;

/// <summary>
/// The two benchmark studies: synthetic heads with a subdural lesion on a clinical 512×512 grid, a thick-slice study
/// (33 slices of 4.8 mm) and a thin-slice one (324 slices of 0.5 mm), written as DICOM with our writer.
/// </summary>
public static class BenchStudies
{
    public static IReadOnlyList<string> Write(int slices, string folder)
    {
        var thickness = slices <= 40 ? 4.8 : 0.5;
        var spec = HeadPhantomSpec.Random(11, LesionKind.Subdural) with
        {
            SizeX = 512,
            SizeY = 512,
            SizeZ = slices,
            PixelSpacingMm = 0.45,
            SliceSpacingMm = thickness,
            HeadCentre = new Vector3d(0, 0, 0),
        };
        return PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(spec), folder);
    }
}
