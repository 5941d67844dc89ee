using System.Collections;

namespace HeadCt.Dicom;

/// <summary>A data set (PS3.5 §7): elements kept in ascending tag order.</summary>
public sealed partial class DicomDataset : IReadOnlyCollection<DicomElement>
{
    private readonly List<DicomElement> _elements;

    public DicomDataset() => _elements = [];

    internal DicomDataset(int capacity) => _elements = new List<DicomElement>(capacity);

    /// <summary>The data set whose sequence holds this one as an item; its character set applies here too (PS3.5 §7.5.3).</summary>
    internal DicomDataset? Parent { get; set; }

    public int Count => _elements.Count;

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public DicomElement? Find(DicomTag tag)
    {
        var index = IndexOf(tag);
        return index >= 0 ? _elements[index] : null;
    }

    /// <summary>Adds an element; throws when the tag is already present.</summary>
    public void Add(DicomElement element)
    {
        var index = IndexOf(element.Tag);
        if (index >= 0)
            throw new ArgumentException($"The data set already holds {element.Tag}", nameof(element));
        Insert(~index, element);
    }

    /// <summary>Adds an element or replaces the one with the same tag.</summary>
    public void Set(DicomElement element)
    {
        var index = IndexOf(element.Tag);
        if (index >= 0)
        {
            _elements[index] = element;
            AdoptItems(element);
        }
        else
        {
            Insert(~index, element);
        }
    }

    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
            return false;
        _elements.RemoveAt(index);
        return true;
    }

    /// <summary>Appends an element read from input; out-of-order tags are inserted, repeated tags keep the first.</summary>
    internal void AddParsed(DicomElement element)
    {
        var count = _elements.Count;
        if (count == 0 || _elements[count - 1].Tag.Value < element.Tag.Value)
        {
            _elements.Add(element);
            return;
        }
        var index = IndexOf(element.Tag);
        if (index < 0)
            _elements.Insert(~index, element);
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Insert(int index, DicomElement element)
    {
        _elements.Insert(index, element);
        AdoptItems(element);
    }

    private void AdoptItems(DicomElement element)
    {
        foreach (var item in element.Items)
            item.Parent = this;
    }

    private int IndexOf(DicomTag tag)
    {
        var value = tag.Value;
        int low = 0, high = _elements.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var current = _elements[middle].Tag.Value;
            if (current == value)
                return middle;
            if (current < value)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return ~low;
    }
}
