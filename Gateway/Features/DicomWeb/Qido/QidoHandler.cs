using System.Buffers;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Gateway.Features.DicomWeb.Http;
using HeadCt.Gateway.Features.DicomWeb.Json;
using HeadCt.StudyIndex;
using HeadCt.StudyIndex.Attributes;
using HeadCt.StudyIndex.Qido;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.DicomWeb.Qido;

/// <summary>
/// QIDO-RS (PS3.18 §10.6): /studies, /series, /instances and their study- and series-scoped forms, answered from the
/// index in the DICOM JSON Model with a RetrieveURL per result. XML (multipart/related; type="application/dicom+xml")
/// is not offered: such an Accept gets 406.
/// </summary>
public sealed class QidoHandler(QidoSearch search, IOptions<IndexOptions> options)
{
    public const string DicomJson = "application/dicom+json";
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public async Task<IResult> SearchAsync(HttpContext context, QidoLevel level, string? study, string? series, CancellationToken cancellationToken)
    {
        if (AcceptHeader.From(context.Request).FirstMatching(DicomJson, "application/json") is null)
        {
            return DicomWebProblems.CannotServe("QIDO-RS answers in application/dicom+json (or application/json).");
        }

        if ((study is not null && !DicomWebUrls.IsUid(study)) || (series is not null && !DicomWebUrls.IsUid(series)))
        {
            return DicomWebProblems.Query("A UID in the path is not a UID (digits and dots, at most 64).");
        }

        QidoQuery query;
        try
        {
            query = QidoQueryParser.Parse(level, study, series,
                context.Request.Query.Select(pair => new KeyValuePair<string, string?[]>(pair.Key, pair.Value.ToArray())),
                options.Value.MaxQueryResults);
        }
        catch (QidoQueryException e)
        {
            return DicomWebProblems.Query(e.Message);
        }

        var result = await search.SearchAsync(query, cancellationToken);
        if (query.Ignored.Count > 0)
        {
            WarningHeader.Add(context.Response, $"The following attributes are not supported for matching and were ignored: {string.Join(", ", query.Ignored)}");
        }

        if (result.HasMore)
        {
            WarningHeader.Add(context.Response, "There are additional results that can be requested");
        }

        return new DicomJsonResult(Write(result, level, DicomWebUrls.Base(context.Request)));
    }

    private static ReadOnlyMemory<byte> Write(QidoResult result, QidoLevel level, string baseUrl)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var studyIndex = IndexOf(result, IndexedAttributes.StudyInstanceUid);
            var seriesIndex = IndexOf(result, IndexedAttributes.SeriesInstanceUid);
            var sopIndex = IndexOf(result, IndexedAttributes.SopInstanceUid);
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                var written = new SortedDictionary<uint, Action>();
                for (var i = 0; i < result.Attributes.Count; i++)
                {
                    var (attribute, value) = (result.Attributes[i], row.Values[i]);
                    written[attribute.Tag.Value] = () => DicomJsonWriter.WriteValue(json, attribute.Tag, attribute.Vr, value);
                }

                var retrieveUrl = level switch
                {
                    QidoLevel.Study => DicomWebUrls.Study(baseUrl, (string)row.Values[studyIndex]!),
                    QidoLevel.Series => DicomWebUrls.Series(baseUrl, (string)row.Values[studyIndex]!, (string)row.Values[seriesIndex]!),
                    _ => DicomWebUrls.Instance(baseUrl, (string)row.Values[studyIndex]!, (string)row.Values[seriesIndex]!, (string)row.Values[sopIndex]!),
                };
                written[RetrieveUrlTag.Value] = () => DicomJsonWriter.WriteValue(json, RetrieveUrlTag, DicomVr.UR, retrieveUrl);
                AddHeaderFields(json, result, row, written);
                foreach (var write in written.Values)
                {
                    write();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    private static readonly DicomTag RetrieveUrlTag = new(0x0008, 0x1190);

    /// <summary>includefield attributes without a column, from the representative instance's stored header.</summary>
    private static void AddHeaderFields(Utf8JsonWriter json, QidoResult result, QidoRow row, SortedDictionary<uint, Action> written)
    {
        if (result.HeaderFields.Count == 0 || row.Header is null)
        {
            return;
        }

        var header = DicomReader.Read(row.Header, HeaderOnly).Dataset;
        foreach (var tag in result.HeaderFields)
        {
            if (header.Find(tag) is { } element && !written.ContainsKey(tag.Value))
            {
                written[tag.Value] = () => DicomJsonWriter.WriteElement(json, header, element, null);
            }
        }
    }

    private static int IndexOf(QidoResult result, IndexedAttribute attribute)
    {
        for (var i = 0; i < result.Attributes.Count; i++)
        {
            if (result.Attributes[i] == attribute)
            {
                return i;
            }
        }

        return -1;
    }
}
