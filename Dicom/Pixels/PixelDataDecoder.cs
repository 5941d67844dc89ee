using System.Buffers;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Codecs.Deflate;

namespace HeadCt.Dicom.Pixels;

/// <summary>Decodes native and encapsulated pixel data into the layout <see cref="DecodedPixelData"/> describes.</summary>
public static class PixelDataDecoder
{
    public static DecodedPixelData Decode(DicomFile file)
    {
        var source = PixelDataSource.Open(file);
        var format = source.Format;
        var frameLength = (int)format.FrameLength;
        var bytes = new byte[(long)frameLength * format.NumberOfFrames];
        for (var frame = 0; frame < format.NumberOfFrames; frame++)
            source.DecodeFrame(frame, bytes.AsSpan(frame * frameLength, frameLength));
        return new DecodedPixelData(format.Info, format.NumberOfFrames, bytes);
    }

    /// <summary>Decodes one frame into <paramref name="destination"/>, which must hold <see cref="FrameInfo.DecodedFrameLength"/> bytes.</summary>
    public static void DecodeFrame(DicomFile file, int frameIndex, Span<byte> destination)
    {
        var source = PixelDataSource.Open(file);
        if (frameIndex < 0 || frameIndex >= source.Format.NumberOfFrames)
            throw new ArgumentOutOfRangeException(nameof(frameIndex), $"The image has {source.Format.NumberOfFrames} frame(s)");
        if (destination.Length < source.Format.FrameLength)
            throw new ArgumentException($"One frame needs {source.Format.FrameLength} bytes", nameof(destination));
        source.DecodeFrame(frameIndex, destination[..(int)source.Format.FrameLength]);
    }

    /// <summary>The pixel data element of one file, checked once, ready to decode any frame.</summary>
    private sealed class PixelDataSource
    {
        private readonly DicomElement _element;
        private readonly TransferSyntax _syntax;
        private readonly IFrameDecoder? _decoder;
        private readonly (int First, int Count)[]? _frames;

        private PixelDataSource(DicomElement element, TransferSyntax syntax, PixelFormat format, IFrameDecoder? decoder, (int, int)[]? frames)
        {
            _element = element;
            _syntax = syntax;
            Format = format;
            _decoder = decoder;
            _frames = frames;
        }

        public PixelFormat Format { get; }

        public static PixelDataSource Open(DicomFile file)
        {
            var ds = file.Dataset;
            var element = ds.Find(DicomTags.PixelData) ?? ds.Find(DicomTags.FloatPixelData) ?? ds.Find(DicomTags.DoubleFloatPixelData)
                ?? throw new DicomException(DicomErrorKind.MissingAttribute, "The data set has no pixel data", DicomTags.PixelData);
            var fragments = element.Fragments;
            var format = PixelFormat.From(ds, element, fragments is not null);
            if (fragments is null)
            {
                var neededBytes = (format.StoredFrameBits * format.NumberOfFrames + 7) / 8;
                if (element.Value.Length < neededBytes)
                    throw new DicomException(DicomErrorKind.CorruptPixelData,
                        $"Pixel data holds {element.Value.Length} bytes but {format.NumberOfFrames} frame(s) of {format.Info.Rows}×{format.Info.Columns}×{format.Info.SamplesPerPixel} at {format.Info.BitsAllocated} bits need {neededBytes}",
                        element.Tag, element.Offset);
                format.EnsureAllocatable();
                return new PixelDataSource(element, file.TransferSyntax, format, null, null);
            }
            format.EnsureAllocatable();
            var syntax = file.TransferSyntax;
            IFrameDecoder? decoder = null;
            if (syntax != TransferSyntax.EncapsulatedUncompressed && syntax != TransferSyntax.DeflatedImageFrameCompression)
            {
                decoder = FrameDecoders.Find(syntax) ?? throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax,
                    $"No decoder for transfer syntax {syntax.Uid} {syntax.Name}", element.Tag);
            }
            var frames = EncapsulatedFrameLocator.Locate(fragments, format.NumberOfFrames, ds, element.Tag);
            RejectImplausibleExpansion(format, fragments, element.Tag);
            return new PixelDataSource(element, syntax, format, decoder, frames);
        }

        /// <summary>
        /// A few encoded bytes must not make us allocate gigabytes: beyond 64 MiB, more than 4096 decoded bytes per
        /// encoded byte is refused (RLE cannot exceed 64:1 and real JPEG-LS runs stay far below this).
        /// </summary>
        private static void RejectImplausibleExpansion(PixelFormat format, DicomFragments fragments, DicomTag tag)
        {
            long encoded = fragments.BasicOffsetTable.Length;
            foreach (var fragment in fragments.Fragments)
                encoded += fragment.Length;
            var decoded = format.FrameLength * format.NumberOfFrames;
            if (decoded > 64L << 20 && decoded > encoded * 4096)
                throw new DicomException(DicomErrorKind.CorruptPixelData,
                    $"{encoded} encoded bytes cannot hold {decoded} bytes of pixels ({format.NumberOfFrames} frame(s) of {format.Info.Rows}×{format.Info.Columns})", tag);
        }

        public void DecodeFrame(int frameIndex, Span<byte> destination)
        {
            if (_frames is null)
            {
                var wordSwapped = _element.IsBigEndian && Format.Info.BitsAllocated == 8 && _element.Vr == DicomVr.OW;
                NativeFrameReader.Read(_element.Value.Span, _element.IsBigEndian, wordSwapped, Format, frameIndex, destination);
            }
            else
            {
                DecodeEncapsulatedFrame(frameIndex, destination);
            }
            SampleNormalizer.Apply(destination, Format);
        }

        private void DecodeEncapsulatedFrame(int frameIndex, Span<byte> destination)
        {
            var (first, count) = _frames![frameIndex];
            var fragments = _element.Fragments!.Fragments;
            if (count == 1)
            {
                DecodeEncoded(fragments[first].Span, frameIndex, destination);
                return;
            }
            var length = 0L;
            for (var i = first; i < first + count; i++)
                length += fragments[i].Length;
            var buffer = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                var position = 0;
                for (var i = first; i < first + count; i++)
                {
                    fragments[i].Span.CopyTo(buffer.AsSpan(position));
                    position += fragments[i].Length;
                }
                DecodeEncoded(buffer.AsSpan(0, position), frameIndex, destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>The frame's native bytes (1-bit frames padded to a whole byte), then read like native data.</summary>
        private void InflateFrame(ReadOnlySpan<byte> encoded, int frameIndex, Span<byte> destination)
        {
            var nativeLength = (int)((Format.StoredFrameBits + 7) / 8);
            var native = ArrayPool<byte>.Shared.Rent(nativeLength);
            try
            {
                DeflatedFrameInflater.Inflate(encoded, native.AsSpan(0, nativeLength), frameIndex, _element.Tag);
                NativeFrameReader.Read(native.AsSpan(0, nativeLength), false, false, Format, 0, destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(native);
            }
        }

        private void DecodeEncoded(ReadOnlySpan<byte> encoded, int frameIndex, Span<byte> destination)
        {
            if (_syntax == TransferSyntax.DeflatedImageFrameCompression)
            {
                InflateFrame(encoded, frameIndex, destination);
                return;
            }
            if (_decoder is null)
            {
                // Encapsulated Uncompressed (PS3.5 §A.4.11): each frame is native little-endian data.
                if (encoded.Length * 8L < Format.StoredFrameBits)
                    throw new DicomException(DicomErrorKind.CorruptPixelData, $"Frame {frameIndex} holds {encoded.Length} bytes, fewer than one frame", _element.Tag);
                NativeFrameReader.Read(encoded, false, false, Format, 0, destination);
                return;
            }
            try
            {
                _decoder.Decode(encoded, Format.Info, destination);
            }
            catch (DicomException)
            {
                throw;
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException)
            {
                // A codec bug must still surface as a DicomException naming the frame (the library's contract).
                throw new DicomException(DicomErrorKind.CorruptPixelData,
                    $"{_syntax.Name} decoder failed on frame {frameIndex}: {e.Message}", _element.Tag, inner: e);
            }
        }
    }
}
