using HeadCt.Inference.Phantoms;

namespace HeadCt.Platform.Tests.Support;

/// <summary>A synthetic head the model applies to, for tests that review a finding (three slices of a real series are outside its intended use).</summary>
public static class PhantomHeads
{
    public static IReadOnlyList<string> WithSubduralLesion()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-review-phantom", Guid.NewGuid().ToString("N"));
        return PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(7, LesionKind.Subdural)), folder);
    }
}
