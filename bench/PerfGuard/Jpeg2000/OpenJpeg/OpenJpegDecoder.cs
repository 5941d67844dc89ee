using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HeadCt.PerfGuard.Jpeg2000.OpenJpeg;

/// <summary>
/// Decodes one JPEG 2000 codestream (or JP2 file) held in memory with OpenJPEG, in this process: codec created,
/// header read, image decoded, everything released again. That is what <see cref="Decode"/> times for the
/// comparison; the samples stay in OpenJPEG's own int planes (no conversion to a DICOM frame).
/// </summary>
internal static unsafe class OpenJpegDecoder
{
    public static bool IsAvailable { get; } = Probe();

    public static string Version => Marshal.PtrToStringUTF8(OpenJpegNative.Version()) ?? "?";

    /// <summary>Decodes <paramref name="codestream"/>; <paramref name="threads"/> 0 leaves OpenJPEG single-threaded (its default).</summary>
    public static void Decode(byte[] codestream, int threads = 0, Action<int, int[]>? samples = null)
    {
        fixed (byte* data = codestream)
        {
            var source = new MemorySource { Data = data, Length = codestream.Length };
            var isJp2 = codestream.Length > 12 && codestream[4] == (byte)'j' && codestream[5] == (byte)'P';
            var codec = OpenJpegNative.CreateDecompress(isJp2 ? OpenJpegNative.CodecJp2 : OpenJpegNative.CodecJ2k);
            var stream = OpenJpegNative.StreamCreate((nuint)Math.Max(codestream.Length, 1), isInput: 1);
            var parameters = NativeMemory.AllocZeroed(OpenJpegNative.DecoderParametersBytes);
            OpenJpegNative.Image* image = null;
            try
            {
                OpenJpegNative.StreamSetRead(stream, &Read);
                OpenJpegNative.StreamSetSkip(stream, &Skip);
                OpenJpegNative.StreamSetSeek(stream, &Seek);
                OpenJpegNative.StreamSetUserData(stream, &source, 0);
                OpenJpegNative.StreamSetUserDataLength(stream, (ulong)codestream.Length);
                OpenJpegNative.SetDefaultDecoderParameters(parameters);
                Check(OpenJpegNative.SetupDecoder(codec, parameters), "opj_setup_decoder");
                if (threads > 0)
                    Check(OpenJpegNative.SetThreads(codec, threads), "opj_codec_set_threads");
                Check(OpenJpegNative.ReadHeader(stream, codec, &image), "opj_read_header");
                Check(OpenJpegNative.Decode(codec, stream, image), "opj_decode");
                Check(OpenJpegNative.EndDecompress(codec, stream), "opj_end_decompress");
                if (samples is not null)
                {
                    for (var c = 0; c < (int)image->ComponentCount; c++)
                    {
                        var component = image->Components[c];
                        var plane = new int[component.Width * component.Height];
                        new ReadOnlySpan<int>(component.Data, plane.Length).CopyTo(plane);
                        samples(c, plane);
                    }
                }
            }
            finally
            {
                if (image is not null)
                    OpenJpegNative.ImageDestroy(image);
                NativeMemory.Free(parameters);
                OpenJpegNative.StreamDestroy(stream);
                OpenJpegNative.DestroyCodec(codec);
            }
        }
    }

    private static void Check(int result, string call)
    {
        if (result == 0)
            throw new InvalidOperationException($"OpenJPEG {call} failed");
    }

    private static bool Probe()
    {
        try
        {
            return Marshal.PtrToStringUTF8(OpenJpegNative.Version()) is { Length: > 0 };
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    private struct MemorySource
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    [UnmanagedCallersOnly]
    private static nuint Read(void* buffer, nuint count, void* user)
    {
        var source = (MemorySource*)user;
        var left = source->Length - source->Position;
        if (left <= 0)
            return unchecked((nuint)(-1));
        var n = (long)Math.Min((ulong)left, count);
        Unsafe.CopyBlockUnaligned(buffer, source->Data + source->Position, (uint)n);
        source->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    private static long Skip(long count, void* user)
    {
        var source = (MemorySource*)user;
        var target = Math.Clamp(source->Position + count, 0, source->Length);
        var skipped = target - source->Position;
        source->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly]
    private static int Seek(long position, void* user)
    {
        var source = (MemorySource*)user;
        if (position < 0 || position > source->Length)
            return 0;
        source->Position = position;
        return 1;
    }
}
