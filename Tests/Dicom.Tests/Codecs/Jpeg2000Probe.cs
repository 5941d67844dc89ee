using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>What a codestream's SIZ says of its first component (precision, signedness).</summary>
internal static class Jpeg2000Probe
{
    public static J2kComponent FirstComponent(byte[] codestream, FrameInfo info)
    {
        var start = 0;
        var length = codestream.Length;
        if (J2kJp2Boxes.IsJp2(codestream))
            (start, length) = J2kJp2Boxes.FindCodestream(codestream);
        return J2kCodestream.Parse(codestream.AsSpan(start, length).ToArray(), info).Size.Components[0];
    }
}
