namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>Whether a lossy JPEG frame's three components are converted from YCbCr to RGB.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Photometric Interpretation YBR_FULL / YBR_FULL_422 (anything but RGB): the samples stay as coded, in
/// YCbCr, as GDCM returns them (the corpus references).</item>
/// <item>Photometric Interpretation RGB: converted when the stream says it is YCbCr-coded, as libjpeg decides
/// (jdapimin.c): a JFIF APP0 marker, an Adobe APP14 marker with a non-zero transform flag, or, with neither,
/// component identifiers 1, 2, 3. Other identifiers are taken at the Photometric Interpretation's word (RGB);
/// libjpeg would guess YCbCr there, but DCMTK and GDCM do not convert them (corpus file
/// <c>SC_jpeg_no_color_transform.dcm</c>, identifiers 0, 1, 2).</item>
/// </list>
/// DCMTK's dcmdjpeg differs in one case: it never converts when the Photometric Interpretation is RGB, even a
/// JFIF stream. Lossless frames are never converted.
/// </remarks>
internal static class JpegColorRule
{
    public static bool ShouldConvertToRgb(JpegCodestream stream, FrameInfo info)
    {
        var components = stream.Frame!.Components;
        if (components.Length != 3 || !string.Equals(info.PhotometricInterpretation, "RGB", StringComparison.Ordinal))
            return false;
        if (stream.HasJfifMarker)
            return true;
        if (stream.AdobeTransform is { } transform)
            return transform != 0;
        return components[0].Id == 1 && components[1].Id == 2 && components[2].Id == 3;
    }
}
