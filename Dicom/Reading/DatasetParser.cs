using System.Buffers.Binary;

namespace HeadCt.Dicom.Reading;

/// <summary>
/// Parses data elements (PS3.5 §7) from a <see cref="ByteSource"/>: explicit or implicit VR, either byte order,
/// sequences of defined and undefined length (§7.5), encapsulated pixel data (§A.4). Values stay slices of the input.
/// </summary>
internal sealed class DatasetParser
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const int HardMaxDepth = 1000;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimitationTag = 0xFFFEE00D;
    private const uint SequenceDelimitationTag = 0xFFFEE0DD;
    private const uint PixelDataTag = 0x7FE00010;

    private readonly ByteSource _source;
    private readonly bool _stopBeforePixelData;
    private readonly int _maxDepth;
    private bool _explicitVr;
    private bool _bigEndian;

    public DatasetParser(ByteSource source, bool explicitVr, bool bigEndian, DicomReadOptions options)
    {
        _source = source;
        _explicitVr = explicitVr;
        _bigEndian = bigEndian;
        _stopBeforePixelData = options.StopBeforePixelData;
        _maxDepth = Math.Clamp(options.MaxSequenceDepth, 0, HardMaxDepth);
    }

    public bool StoppedBeforePixelData { get; private set; }

    /// <summary>Reads the top-level data set up to the end of the input (or up to the pixel data element when asked).</summary>
    public int ReadDataset(DicomDataset target, int position)
    {
        while (true)
        {
            if (!_source.Has(position, 8))
            {
                if (IsTrailingPadding(position))
                    return _source.End;
                throw Truncated("Input ends inside a data element header", null, position);
            }
            if (_stopBeforePixelData && IsPixelData(PeekTag(position)))
            {
                StoppedBeforePixelData = true;
                return position;
            }
            position = ReadElement(target, position, -1, 0);
        }
    }

    /// <summary>Reads File Meta Information elements (group 0002, PS3.10 §7.1) while they last.</summary>
    public int ReadGroup0002(DicomDataset target, int position)
    {
        while (_source.Has(position, 8) && PeekTag(position).Group == 0x0002)
            position = ReadElement(target, position, -1, 0);
        return position;
    }

    public DicomTag PeekTag(int position)
    {
        var span = _source.Buffer.AsSpan(position, 4);
        return new DicomTag(ReadUInt16(span), ReadUInt16(span[2..]));
    }

    private static bool IsPixelData(DicomTag tag) =>
        tag.Group == 0x7FE0 && tag.Element is 0x0010 or 0x0008 or 0x0009;

    /// <summary>A few bytes after the last element are tolerated only when they are all zero (padding, not data).</summary>
    private bool IsTrailingPadding(int position)
    {
        if (!_source.IsFinite)
            return false;
        var rest = _source.Buffer.AsSpan(position, _source.End - position);
        return rest.IndexOfAnyExcept((byte)0) < 0;
    }

    /// <summary>Reads the elements of an item up to <paramref name="end"/>, or up to its Item Delimitation Item when end is -1.</summary>
    private int ReadItem(DicomDataset target, int position, int end, int depth)
    {
        while (true)
        {
            if (end >= 0 && position >= end)
                return position;
            if (end >= 0 && position + 8 > end)
                throw new DicomException(DicomErrorKind.InvalidValueLength, "An element header runs past the end of its item", null, _source.OffsetOf(position));
            if (!_source.Has(position, 8))
                throw Truncated("Input ends inside a sequence item", null, position);
            var tag = PeekTag(position);
            if (tag.Value == ItemDelimitationTag)
            {
                if (end < 0)
                    return position + 8;
                position += 8; // stray delimiter in an item of defined length: nothing to read
                continue;
            }
            if (tag.Value == SequenceDelimitationTag && end < 0)
                return position; // item not closed: let the sequence consume its delimiter
            position = ReadElement(target, position, end, depth);
        }
    }

    private int ReadElement(DicomDataset target, int position, int end, int depth)
    {
        var span = _source.Buffer.AsSpan(position, 8);
        var tag = new DicomTag(ReadUInt16(span), ReadUInt16(span[2..]));
        if (tag.Group == 0xFFFE)
        {
            if (tag.Value is ItemDelimitationTag or SequenceDelimitationTag)
                return position + 8; // stray delimiter outside its context: skip it like DCMTK does
            return SkipStrayItem(tag, position, end);
        }

        DicomVr vr;
        uint length;
        int headerLength;
        if (_explicitVr && IsExplicitVrHeader(span, out vr))
        {
            if (vr.HasLongLength)
            {
                if (!_source.Has(position, 12))
                    throw Truncated("Input ends inside a data element header", tag, position);
                length = ReadUInt32(_source.Buffer.AsSpan(position + 8, 4));
                headerLength = 12;
            }
            else
            {
                length = ReadUInt16(span[6..]);
                headerLength = 8;
            }
        }
        else
        {
            vr = ImplicitVr(tag);
            length = ReadUInt32(span[4..]);
            headerLength = 8;
        }

        var valueStart = position + headerLength;
        if (length == UndefinedLength)
        {
            if (tag.Value == PixelDataTag && vr != DicomVr.SQ)
                return ReadEncapsulated(target, tag, position, valueStart);
            if (vr == DicomVr.SQ || vr == DicomVr.UN || !_explicitVr)
                return ReadSequenceElement(target, tag, vr, position, valueStart, -1, depth);
            throw new DicomException(DicomErrorKind.InvalidValueLength, $"Undefined length is not allowed for VR {vr}", tag, _source.OffsetOf(position));
        }

        if (end >= 0 && valueStart + (long)length > end)
            throw new DicomException(DicomErrorKind.InvalidValueLength,
                $"Value length {length} runs past the end of the enclosing item", tag, _source.OffsetOf(position));
        if (!_source.Has(valueStart, length))
            throw Truncated($"Value length {length} exceeds the {_source.Remaining(valueStart)} bytes that remain", tag, position);

        var valueEnd = (int)(valueStart + length);
        if (vr == DicomVr.SQ || (vr == DicomVr.UN && !_explicitVr && StartsWithItem(valueStart, length)))
            return ReadSequenceElement(target, tag, DicomVr.SQ, position, valueStart, valueEnd, depth);

        target.AddParsed(new DicomElement(tag, vr, new ReadOnlyMemory<byte>(_source.Buffer, valueStart, (int)length),
            _bigEndian, [], null, _source.OffsetOf(position)));
        return valueEnd;
    }

    /// <summary>
    /// An item of defined length found where a data element should be (a writer dropped the sequence header):
    /// skipped whole, as pydicom does; with undefined length there is no way to know where it ends.
    /// </summary>
    private int SkipStrayItem(DicomTag tag, int position, int end)
    {
        var length = ReadUInt32(_source.Buffer.AsSpan(position + 4, 4));
        var valueStart = position + 8;
        if (tag.Value != ItemTag || length == UndefinedLength || (end >= 0 && valueStart + (long)length > end)
            || !_source.Has(valueStart, length))
            throw new DicomException(DicomErrorKind.InvalidSequence, "Item tag outside a sequence", tag, _source.OffsetOf(position));
        return (int)(valueStart + length);
    }

    /// <summary>
    /// Explicit VR header check. Bytes that are not a VR of PS3.5 Table 6.2-1 make the element read as implicit VR,
    /// which recovers files whose writer mixed the two encodings.
    /// </summary>
    private static bool IsExplicitVrHeader(ReadOnlySpan<byte> header, out DicomVr vr)
    {
        vr = new DicomVr((ushort)((header[4] << 8) | header[5]));
        return vr.IsKnown;
    }

    private static DicomVr ImplicitVr(DicomTag tag) => tag.Value switch
    {
        PixelDataTag => DicomVr.OW,
        0x7FE00008 => DicomVr.OF,
        0x7FE00009 => DicomVr.OD,
        _ => DicomDictionary.VrOf(tag),
    };

    private bool StartsWithItem(int valueStart, uint length)
    {
        if (length < 8)
            return false;
        var span = _source.Buffer.AsSpan(valueStart, 8);
        var first = ((uint)ReadUInt16(span) << 16) | ReadUInt16(span[2..]);
        var itemLength = ReadUInt32(span[4..]);
        return first == ItemTag && (itemLength == UndefinedLength || itemLength <= length - 8);
    }

    private int ReadSequenceElement(DicomDataset target, DicomTag tag, DicomVr vr, int position, int valueStart, int valueEnd, int depth)
    {
        if (depth >= _maxDepth)
            throw new DicomException(DicomErrorKind.NestingTooDeep, $"Sequences nest deeper than {_maxDepth}", tag, _source.OffsetOf(position));

        // PS3.5 §6.2.2: a UN value of undefined length is a sequence encoded in Implicit VR Little Endian.
        var savedExplicit = _explicitVr;
        var savedBigEndian = _bigEndian;
        if (vr == DicomVr.UN)
        {
            _explicitVr = false;
            _bigEndian = false;
        }
        var items = new List<DicomDataset>();
        int next;
        try
        {
            next = ReadItems(items, tag, valueStart, valueEnd, depth + 1);
        }
        finally
        {
            _explicitVr = savedExplicit;
            _bigEndian = savedBigEndian;
        }
        var element = new DicomElement(tag, DicomVr.SQ, ReadOnlyMemory<byte>.Empty, savedBigEndian, items, null, _source.OffsetOf(position));
        target.AddParsed(element);
        foreach (var item in items)
            item.Parent = target;
        return next;
    }

    private int ReadItems(List<DicomDataset> items, DicomTag sequenceTag, int position, int end, int depth)
    {
        while (true)
        {
            if (end >= 0 && position >= end)
                return position;
            if (!_source.Has(position, 8))
                throw Truncated("Input ends inside a sequence", sequenceTag, position);
            var span = _source.Buffer.AsSpan(position, 8);
            var tag = new DicomTag(ReadUInt16(span), ReadUInt16(span[2..]));
            var length = ReadUInt32(span[4..]);
            switch (tag.Value)
            {
                case ItemTag:
                    var item = new DicomDataset();
                    if (length == UndefinedLength)
                    {
                        position = ReadItem(item, position + 8, -1, depth);
                    }
                    else
                    {
                        var itemStart = position + 8;
                        if (end >= 0 && itemStart + (long)length > end)
                            throw new DicomException(DicomErrorKind.InvalidValueLength,
                                $"Item length {length} runs past the end of its sequence", sequenceTag, _source.OffsetOf(position));
                        if (!_source.Has(itemStart, length))
                            throw Truncated($"Item length {length} exceeds the bytes that remain", sequenceTag, position);
                        position = ReadItem(item, itemStart, (int)(itemStart + length), depth);
                    }
                    items.Add(item);
                    break;
                case SequenceDelimitationTag:
                    return position + 8;
                case ItemDelimitationTag:
                    position += 8;
                    break;
                default:
                    throw new DicomException(DicomErrorKind.InvalidSequence,
                        $"Expected an item or a sequence delimiter in {sequenceTag}, found {tag}", tag, _source.OffsetOf(position));
            }
        }
    }

    /// <summary>Encapsulated pixel data (PS3.5 §A.4): an offset table item, fragment items, a sequence delimiter.</summary>
    private int ReadEncapsulated(DicomDataset target, DicomTag tag, int elementPosition, int position)
    {
        ReadOnlyMemory<byte>? offsetTable = null;
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            if (!_source.Has(position, 8))
            {
                // A missing sequence delimiter at the very end of the file is tolerated (pydicom does too).
                if (_source.IsFinite && _source.Remaining(position) == 0 && offsetTable is not null)
                    break;
                throw Truncated("Input ends inside encapsulated pixel data", tag, position);
            }
            var span = _source.Buffer.AsSpan(position, 8);
            var itemTag = ((uint)ReadUInt16(span) << 16) | ReadUInt16(span[2..]);
            var length = ReadUInt32(span[4..]);
            if (itemTag == SequenceDelimitationTag)
            {
                position += 8;
                break;
            }
            if (itemTag != ItemTag)
                throw new DicomException(DicomErrorKind.InvalidSequence,
                    $"Expected a fragment item in encapsulated pixel data, found {new DicomTag(itemTag)}", tag, _source.OffsetOf(position));
            if (length == UndefinedLength)
                throw new DicomException(DicomErrorKind.InvalidValueLength, "A fragment has undefined length", tag, _source.OffsetOf(position));
            if (!_source.Has(position + 8, length))
                throw Truncated($"Fragment length {length} exceeds the {_source.Remaining(position + 8)} bytes that remain", tag, position);
            var value = new ReadOnlyMemory<byte>(_source.Buffer, position + 8, (int)length);
            if (offsetTable is null)
                offsetTable = value;
            else
                fragments.Add(value);
            position += 8 + (int)length;
        }
        var fragmentSet = new DicomFragments(offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
        target.AddParsed(new DicomElement(tag, DicomVr.OB, ReadOnlyMemory<byte>.Empty, false, [], fragmentSet, _source.OffsetOf(elementPosition)));
        return position;
    }

    private DicomException Truncated(string reason, DicomTag? tag, int position) =>
        new(DicomErrorKind.Truncated, reason, tag, _source.OffsetOf(position));

    private ushort ReadUInt16(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);

    private uint ReadUInt32(ReadOnlySpan<byte> span) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
}
