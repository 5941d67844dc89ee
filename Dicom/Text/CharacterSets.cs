using System.Collections.Concurrent;
using System.Text;

namespace HeadCt.Dicom.Text;

/// <summary>
/// Maps Specific Character Set (0008,0005) defined terms (PS3.3 C.12.1.1.2) to .NET encodings.
/// Exact: default repertoire, ISO_IR 100 (Latin-1), ISO_IR 192 (UTF-8) and the other single-byte ISO 8859 parts.
/// Best effort: ISO 2022 code extensions (a value with several terms) are decoded with the encoding of the
/// last term and escape sequences are not interpreted; ISO_IR 13 as Shift-JIS; ISO_IR 166 as windows-874.
/// </summary>
internal static class CharacterSets
{
    /// <summary>The default repertoire is ASCII; Latin-1 decodes it identically and never fails on stray bytes.</summary>
    public static readonly Encoding Default = Encoding.Latin1;

    private static readonly ConcurrentDictionary<string, Encoding> Cache = new(StringComparer.Ordinal);

    static CharacterSets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Real files use a handful of distinct values; hostile input could send endless new ones, so the cache is capped.
    private const int MaxCachedValues = 256;

    public static Encoding FromValue(string rawValue)
    {
        if (Cache.TryGetValue(rawValue, out var cached))
            return cached;
        var resolved = Resolve(rawValue);
        if (Cache.Count < MaxCachedValues)
            Cache.TryAdd(rawValue, resolved);
        return resolved;
    }

    private static Encoding Resolve(string rawValue)
    {
        var chosen = Default;
        foreach (var term in rawValue.Split('\\'))
        {
            var encoding = FromTerm(term.Trim(' ', '\0'));
            if (encoding is not null)
                chosen = encoding;
        }
        return chosen;
    }

    private static Encoding? FromTerm(string term) => term switch
    {
        "" or "ISO_IR 6" or "ISO 2022 IR 6" => null,
        "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
        "ISO_IR 192" => Encoding.UTF8,
        "ISO_IR 101" or "ISO 2022 IR 101" => CodePage(28592),
        "ISO_IR 109" or "ISO 2022 IR 109" => CodePage(28593),
        "ISO_IR 110" or "ISO 2022 IR 110" => CodePage(28594),
        "ISO_IR 144" or "ISO 2022 IR 144" => CodePage(28595),
        "ISO_IR 127" or "ISO 2022 IR 127" => CodePage(28596),
        "ISO_IR 126" or "ISO 2022 IR 126" => CodePage(28597),
        "ISO_IR 138" or "ISO 2022 IR 138" => CodePage(28598),
        "ISO_IR 148" or "ISO 2022 IR 148" => CodePage(28599),
        "ISO_IR 203" or "ISO 2022 IR 203" => CodePage(28605),
        "ISO_IR 13" or "ISO 2022 IR 13" => CodePage(932),
        "ISO_IR 166" or "ISO 2022 IR 166" => CodePage(874),
        "ISO 2022 IR 87" or "ISO 2022 IR 159" => CodePage(50222),
        "ISO 2022 IR 149" => CodePage(51949),
        "ISO 2022 IR 58" => CodePage(936),
        "GB18030" => CodePage(54936),
        "GBK" => CodePage(936),
        _ => null,
    };

    private static Encoding? CodePage(int codePage)
    {
        try
        {
            return Encoding.GetEncoding(codePage);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
