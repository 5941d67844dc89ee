using System.Globalization;
using System.Text;
using HeadCt.StudyIndex.Attributes;
using Npgsql;

namespace HeadCt.StudyIndex.Qido;

/// <summary>
/// Turns a <see cref="QidoQuery"/> into one SELECT over the index. Every value travels as a parameter; the SQL text
/// holds only column names from <see cref="IndexedAttributes"/>. Studies come newest first, series by number, instances
/// by instance number; the newest copy of a re-sent instance stands for it.
/// </summary>
public static class QidoSql
{
    public static NpgsqlCommand Build(QidoQuery query, IReadOnlyList<IndexedAttribute> returned, bool withHeader)
    {
        var command = new NpgsqlCommand();
        var sql = new StringBuilder("SELECT ");
        for (var i = 0; i < returned.Count; i++)
        {
            sql.Append(Column(returned[i])).Append(" AS a").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", ");
        }

        sql.Append(withHeader ? "h.header" : "NULL::bytea").Append(" AS header");
        sql.Append(From(query, withHeader));

        var conditions = new List<string>();
        if (query.StudyInstanceUid is not null)
        {
            conditions.Add($"{Scope(query.Level)}.study_instance_uid = {Parameter(command, query.StudyInstanceUid)}");
        }

        if (query.SeriesInstanceUid is not null)
        {
            conditions.Add($"{Scope(query.Level)}.series_instance_uid = {Parameter(command, query.SeriesInstanceUid)}");
        }

        foreach (var match in query.Matches)
        {
            if (Condition(command, match) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(query.Level switch
        {
            QidoLevel.Study => " ORDER BY st.latest_received_at DESC, st.study_instance_uid",
            QidoLevel.Series => " ORDER BY se.study_instance_uid, se.series_number NULLS LAST, se.series_instance_uid",
            _ => " ORDER BY i.study_instance_uid, i.series_instance_uid, i.instance_number NULLS LAST, i.sop_instance_uid",
        });
        // One more than asked for tells whether results were cut off (PS3.18 §8.3.4.4 warning).
        sql.Append(" LIMIT ").Append(Parameter(command, query.Limit + 1)).Append(" OFFSET ").Append(Parameter(command, query.Offset));
        command.CommandText = sql.ToString();
        return command;
    }

    private static string From(QidoQuery query, bool withHeader) => query.Level switch
    {
        QidoLevel.Study => " FROM studies st" + (withHeader
            ? " LEFT JOIN instances h ON h.study_id = st.representative_study_id AND h.blob_number = st.representative_blob_number"
            : string.Empty),
        QidoLevel.Series => " FROM series se JOIN studies st ON st.study_instance_uid = se.study_instance_uid" + (withHeader
            ? " LEFT JOIN instances h ON h.study_id = se.representative_study_id AND h.blob_number = se.representative_blob_number"
            : string.Empty),
        _ => " FROM (SELECT DISTINCT ON (sop_instance_uid) * FROM instances" + InnerScope(query) +
             " ORDER BY sop_instance_uid, received_at DESC, study_id DESC, blob_number) i" +
             " JOIN series se ON se.study_instance_uid = i.study_instance_uid AND se.series_instance_uid = i.series_instance_uid" +
             " JOIN studies st ON st.study_instance_uid = i.study_instance_uid" +
             (withHeader ? " CROSS JOIN LATERAL (SELECT i.header) h" : string.Empty),
    };

    /// <summary>The URL's UIDs repeated inside the DISTINCT ON, so a scoped instance search reads only its series.</summary>
    private static string InnerScope(QidoQuery query)
    {
        var parts = new List<string>();
        if (query.StudyInstanceUid is not null)
        {
            parts.Add($"study_instance_uid = '{Quote(query.StudyInstanceUid)}'");
        }

        if (query.SeriesInstanceUid is not null)
        {
            parts.Add($"series_instance_uid = '{Quote(query.SeriesInstanceUid)}'");
        }

        return parts.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", parts);
    }

    /// <summary>URL UIDs are checked to be digits and dots before they get here; quoting is a second guard.</summary>
    private static string Quote(string uid) =>
        uid.All(c => char.IsAsciiDigit(c) || c == '.') ? uid : throw new QidoQueryException("A UID in the URL is not digits and dots.");

    private static string Scope(QidoLevel level) => IndexedAttributes.Alias(level);

    private static string Column(IndexedAttribute attribute) => $"{IndexedAttributes.Alias(attribute.Level)}.{attribute.Column}";

    private static string? Condition(NpgsqlCommand command, QidoMatch match)
    {
        var (attribute, value) = (match.Attribute, match.Value);
        var column = Column(attribute);
        if (value.Length == 0 || value == "*")
        {
            return null; // universal matching (PS3.4 §C.2.2.2.3): the key is a return key only
        }

        switch (attribute.Match)
        {
            case MatchKind.Uid:
                return $"{column} = ANY({Parameter(command, QidoQueryParser.UidList(value))})";
            case MatchKind.AnyOf:
                return $"{column} && {Parameter(command, QidoQueryParser.UidList(value))}";
            case MatchKind.Integer:
                return $"{column} = {Parameter(command, int.Parse(value, CultureInfo.InvariantCulture))}";
            case MatchKind.Date or MatchKind.Time:
                var range = QidoRange.Parse(attribute, value);
                if (range.IsSingleValue)
                {
                    return $"{column} = {Parameter(command, range.Lower!)}";
                }

                var bounds = new List<string>();
                if (range.Lower is not null)
                {
                    bounds.Add($"{column} >= {Parameter(command, range.Lower)}");
                }

                if (range.Upper is not null)
                {
                    bounds.Add($"{column} <= {Parameter(command, range.Upper)}");
                }

                return string.Join(" AND ", bounds);
            case MatchKind.PersonName:
                return HasWildcard(value)
                    ? $"lower({column}) LIKE {Parameter(command, ToLike(value.ToLowerInvariant()))} ESCAPE '\\'"
                    : $"lower({column}) = {Parameter(command, value.ToLowerInvariant())}";
            default:
                return HasWildcard(value)
                    ? $"{column} LIKE {Parameter(command, ToLike(value))} ESCAPE '\\'"
                    : $"{column} = {Parameter(command, value)}";
        }
    }

    private static bool HasWildcard(string value) => value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal);

    /// <summary>PS3.4 §C.2.2.2.4 wildcards: * any run, ? one character; LIKE's own metacharacters escaped.</summary>
    public static string ToLike(string value)
    {
        var like = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            like.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return like.ToString();
    }

    private static string Parameter(NpgsqlCommand command, object value)
    {
        var name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name, value);
        return "@" + name;
    }
}
