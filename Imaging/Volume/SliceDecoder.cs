using System.Buffers;
using HeadCt.Dicom;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Volume;

/// <summary>Reads each file once and writes the HU of the frames the plan uses into their target planes; files run in parallel.</summary>
internal static class SliceDecoder
{
    /// <summary>
    /// Slice i goes to plane i of <paramref name="planes"/>; with <paramref name="storedValues"/> as stored (no rescale,
    /// padding kept). A file that cannot be decoded (truncated, corrupt, an unsupported pixel format) does not stop the
    /// others: it is returned with its reason, its planes left unwritten.
    /// </summary>
    public static IReadOnlyList<(InstanceFile File, string Reason)> Decode(
        IReadOnlyList<StackedSlice> slices, float[] planes, int planeLength, VolumeOptions options, bool storedValues = false)
    {
        var byFile = new Dictionary<string, List<(StackedSlice Slice, int Target)>>(StringComparer.Ordinal);
        for (var i = 0; i < slices.Count; i++)
        {
            if (!byFile.TryGetValue(slices[i].File.Path, out var list))
                byFile[slices[i].File.Path] = list = [];
            list.Add((slices[i], i));
        }
        var work = byFile.Values.ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<(InstanceFile File, string Reason)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        Parallel.For(0, work.Length, parallel, w =>
        {
            try
            {
                DecodeFile(work[w], planes, planeLength, storedValues);
            }
            catch (DicomException e)
            {
                failures.Add((work[w][0].Slice.File, e.Message));
            }
            catch (ImagingException e)
            {
                failures.Add((work[w][0].Slice.File, e.Reason));
            }
        });
        return [.. failures.OrderBy(failure => failure.File.Path, StringComparer.Ordinal)];
    }

    /// <summary>The file is read into a pooled buffer that goes back to the pool once its frames are in HU: no file bytes outlive the call.</summary>
    private static void DecodeFile(List<(StackedSlice Slice, int Target)> frames, float[] planes, int planeLength, bool storedValues)
    {
        var path = frames[0].Slice.File.Path;
        var header = frames[0].Slice.File.Header;
        var info = FrameInfoOf(header);
        if (info.SamplesPerPixel != 1)
            throw new ImagingException(ImagingErrorKind.UnsupportedPixels, $"{frames[0].Slice.Name} has {info.SamplesPerPixel} samples per pixel");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var fileLength = checked((int)stream.Length);
        var fileBytes = ArrayPool<byte>.Shared.Rent(fileLength);
        var frameLength = (int)info.DecodedFrameLength;
        var decoded = ArrayPool<byte>.Shared.Rent(frameLength);
        try
        {
            stream.ReadExactly(fileBytes, 0, fileLength);
            var file = DicomReader.Read(fileBytes.AsMemory(0, fileLength));
            foreach (var (slice, target) in frames)
            {
                PixelDataDecoder.DecodeFrame(file, slice.Plane.FrameIndex, decoded.AsSpan(0, frameLength));
                var (slope, intercept, padding) = storedValues ? (1.0, 0.0, (int?)null) : (slice.Plane.RescaleSlope, slice.Plane.RescaleIntercept, header.PixelPaddingValue);
                HounsfieldConverter.Convert(decoded.AsSpan(0, frameLength), info, slope, intercept, padding, planes.AsSpan(target * planeLength, planeLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
            ArrayPool<byte>.Shared.Return(fileBytes);
        }
    }

    private static FrameInfo FrameInfoOf(DicomImageHeader header) =>
        new(header.Rows, header.Columns, header.SamplesPerPixel, header.BitsAllocated, header.BitsStored, header.IsSigned,
            header.PlanarConfiguration, header.PhotometricInterpretation ?? "MONOCHROME2");
}
