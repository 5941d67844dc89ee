using System.Runtime.InteropServices;

namespace HeadCt.PerfGuard.Jpeg2000.OpenJpeg;

/// <summary>
/// The few entry points of OpenJPEG 2.5 (Debian's libopenjp2.so.7) that decode a codestream held in memory.
/// Declared by hand from openjpeg.h of 2.5.0: the package ships no headers, and only opaque pointers and the
/// image structs cross the boundary.
/// </summary>
internal static unsafe partial class OpenJpegNative
{
    private const string Library = "libopenjp2.so.7";

    public const int CodecJ2k = 0;
    public const int CodecJp2 = 2;

    /// <summary>sizeof(opj_dparameters_t) is about 8.3 KB in 2.5; the buffer handed to the library is larger.</summary>
    public const int DecoderParametersBytes = 16 * 1024;

    [LibraryImport(Library, EntryPoint = "opj_version")]
    public static partial nint Version();

    [LibraryImport(Library, EntryPoint = "opj_create_decompress")]
    public static partial nint CreateDecompress(int format);

    [LibraryImport(Library, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(void* parameters);

    [LibraryImport(Library, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(nint codec, void* parameters);

    [LibraryImport(Library, EntryPoint = "opj_codec_set_threads")]
    public static partial int SetThreads(nint codec, int threads);

    [LibraryImport(Library, EntryPoint = "opj_stream_create")]
    public static partial nint StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetRead(nint stream, delegate* unmanaged<void*, nuint, void*, nuint> read);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkip(nint stream, delegate* unmanaged<long, void*, long> skip);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeek(nint stream, delegate* unmanaged<long, void*, int> seek);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(nint stream, void* data, nint freeFunction);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(nint stream, ulong length);

    [LibraryImport(Library, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(nint stream, nint codec, Image** image);

    [LibraryImport(Library, EntryPoint = "opj_decode")]
    public static partial int Decode(nint codec, nint stream, Image* image);

    [LibraryImport(Library, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(nint codec, nint stream);

    [LibraryImport(Library, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(Image* image);

    [LibraryImport(Library, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(nint stream);

    [LibraryImport(Library, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(nint codec);

    /// <summary>opj_image_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public uint X0, Y0, X1, Y1;
        public uint ComponentCount;
        public int ColorSpace;
        public ImageComponent* Components;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    /// <summary>opj_image_comp_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ImageComponent
    {
        public uint Dx, Dy, Width, Height, X0, Y0, Precision, DeprecatedBpp, Signed, ResolutionsDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }
}
