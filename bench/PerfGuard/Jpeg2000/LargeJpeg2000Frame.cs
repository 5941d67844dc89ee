using System.Diagnostics;
using System.Text;
using HeadCt.Dicom;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;

namespace HeadCt.PerfGuard.Jpeg2000;

/// <summary>
/// A large frame for the multi-threaded comparison, since the corpus has no JPEG 2000 frame above 1024 × 256: a native
/// 512 × 512 CT slice tiled 4 × 4 into 2048 × 2048 (HU + 1024 clipped to 12 bits), encoded by OpenJPEG's
/// <c>opj_compress</c> (lossless 5/3, or 9/7 at ratio 10), so both decoders read a codestream neither of them wrote.
/// </summary>
internal static class LargeJpeg2000Frame
{
    public const int Side = 2048;
    private const string Source = "series/ct_head_ge_hispeed_gantry_tilt/01.dcm";

    public static (byte[] Encoded, FrameInfo Info) Create(bool lossless)
    {
        var slice = PixelDataDecoder.Decode(DicomReader.ReadFile(CorpusFrames.PathOf(Source)));
        var columns = slice.Info.Columns;
        var rows = slice.Info.Rows;
        var directory = Directory.CreateTempSubdirectory("headct-large-j2k-");
        try
        {
            var pgm = Path.Combine(directory.FullName, "frame.pgm");
            var j2k = Path.Combine(directory.FullName, "frame.j2k");
            using (var file = File.Create(pgm))
            {
                file.Write(Encoding.ASCII.GetBytes($"P5\n{Side} {Side}\n4095\n"));
                var row = new byte[Side * 2];
                for (var y = 0; y < Side; y++)
                {
                    for (var x = 0; x < Side; x++)
                    {
                        var sample = BitConverter.ToInt16(slice.Bytes, ((y % rows) * columns + x % columns) * 2);
                        var value = Math.Clamp(sample + 1024, 0, 4095);
                        row[2 * x] = (byte)(value >> 8); // PGM: big endian
                        row[2 * x + 1] = (byte)value;
                    }
                    file.Write(row);
                }
            }
            var arguments = lossless ? $"-i {pgm} -o {j2k}" : $"-i {pgm} -o {j2k} -I -r 10";
            using var process = Process.Start(new ProcessStartInfo("opj_compress", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"opj_compress {arguments} exited with {process.ExitCode}");
            var info = new FrameInfo(Side, Side, 1, 16, 12, false, 0, "MONOCHROME2");
            return (File.ReadAllBytes(j2k), info);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
