using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace HeadCt.Gateway.Features.DicomWeb.Http;

/// <summary>
/// The media ranges of an Accept header (RFC 9110 §12.5.1) in preference order; no header means anything. A range
/// with q=0 is refused, never chosen.
/// </summary>
public sealed class AcceptHeader
{
    private readonly List<MediaTypeHeaderValue> _ranges;

    private AcceptHeader(List<MediaTypeHeaderValue> ranges) => _ranges = ranges;

    public static AcceptHeader From(HttpRequest request)
    {
        var values = request.Headers.Accept;
        if (StringValues.IsNullOrEmpty(values) || !MediaTypeHeaderValue.TryParseList(values, out var parsed) || parsed.Count == 0)
        {
            return new AcceptHeader([new MediaTypeHeaderValue("*/*")]);
        }

        return new AcceptHeader([.. parsed.Where(range => range.Quality is not 0).OrderByDescending(range => range.Quality ?? 1)]);
    }

    public IReadOnlyList<MediaTypeHeaderValue> Ranges => _ranges;

    /// <summary>The first range whose type is one of <paramref name="mediaTypes"/> (or a wildcard that covers it).</summary>
    public MediaTypeHeaderValue? FirstMatching(params string[] mediaTypes)
    {
        foreach (var range in _ranges)
        {
            foreach (var mediaType in mediaTypes)
            {
                if (new MediaTypeHeaderValue(mediaType).IsSubsetOf(range))
                {
                    return range;
                }
            }
        }

        return null;
    }

    /// <summary>A parameter of a media range without quotes (type, transfer-syntax), or null.</summary>
    public static string? Parameter(MediaTypeHeaderValue range, string name)
    {
        foreach (var parameter in range.Parameters)
        {
            if (parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return HeaderUtilities.RemoveQuotes(parameter.Value).ToString();
            }
        }

        return null;
    }
}
