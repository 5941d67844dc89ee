using HeadCt.StudyIndex.Attributes;
using HeadCt.StudyIndex.Qido;

namespace HeadCt.Platform.Tests.Units;

/// <summary>QIDO-RS query parsing and the SQL it becomes: values only ever travel as parameters.</summary>
public sealed class QidoQueryTests
{
    private static QidoQuery Parse(QidoLevel level, params (string Key, string Value)[] parameters) =>
        QidoQueryParser.Parse(level, null, null, parameters.Select(p => new KeyValuePair<string, string?[]>(p.Key, [p.Value])), 1000);

    [Fact]
    public void GivenKeywordsTagsAndIncludefield_WhenParsed_ThenEachResolvesToItsAttribute()
    {
        var query = Parse(QidoLevel.Study, ("PatientName", "DOE*"), ("00100020", "P1"), ("includefield", "StudyDescription,00180050"), ("limit", "5"), ("offset", "10"));

        Assert.Equal([IndexedAttributes.PatientName, IndexedAttributes.PatientId], query.Matches.Select(match => match.Attribute));
        Assert.Equal(5, query.Limit);
        Assert.Equal(10, query.Offset);
        Assert.Contains(IndexedAttributes.StudyDescription, query.ReturnAttributes());
        Assert.Equal([new HeadCt.Dicom.DicomTag(0x0018, 0x0050)], query.HeaderFields());
    }

    [Theory]
    [InlineData("StudyDate", "20240101-20231231")]
    [InlineData("StudyDate", "2024-01")]
    [InlineData("StudyTime", "2500")]
    [InlineData("StudyInstanceUID", "1.2.abc")]
    [InlineData("SeriesNumber", "x")]
    [InlineData("NotAKeyword", "1")]
    [InlineData("limit", "-1")]
    public void GivenAMalformedKey_WhenParsed_ThenTheQueryIsRefusedWithAReason(string key, string value)
    {
        var error = Assert.Throws<QidoQueryException>(() => Parse(QidoLevel.Series, (key, value)));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void GivenALimitAboveTheMaximum_WhenParsed_ThenItIsCapped()
    {
        Assert.Equal(1000, Parse(QidoLevel.Study, ("limit", "50000")).Limit);
    }

    [Fact]
    public void GivenWildcardsAndRanges_WhenTurnedIntoSql_ThenValuesAreParametersAndLikeMetacharactersAreEscaped()
    {
        var query = Parse(QidoLevel.Study, ("PatientName", "o'brien%_*"), ("StudyDate", "20240101-"), ("StudyInstanceUID", "1.2\\1.3"));

        using var command = QidoSql.Build(query, query.ReturnAttributes(), withHeader: false);

        Assert.DoesNotContain("brien", command.CommandText);
        Assert.Contains("lower(st.patient_name) LIKE", command.CommandText);
        Assert.Contains(command.Parameters, parameter => Equals(parameter.Value, "o'brien\\%\\_%"));
        Assert.Contains(command.Parameters, parameter => Equals(parameter.Value, "20240101"));
        Assert.Contains(command.Parameters, parameter => parameter.Value is string[] { Length: 2 });
    }

    [Theory]
    [InlineData("0830", '0', "083000.000000")]
    [InlineData("08", '9', "085959.999999")]
    [InlineData("083015.5", '0', "083015.500000")]
    [InlineData("08:30:15", '0', "083015.000000")]
    [InlineData("2400", '0', null)]
    [InlineData("083", '0', null)]
    public void GivenTimes_WhenNormalised_ThenTheyCompareAsText(string value, char fill, string? expected)
    {
        Assert.Equal(expected, DicomDateTimeText.NormalizeTime(value, fill));
    }

    [Theory]
    [InlineData("20240229", "20240229")]
    [InlineData("2024.02.29", "20240229")]
    [InlineData("20230229", null)]
    [InlineData("2024022", null)]
    public void GivenDates_WhenNormalised_ThenOnlyCalendarDatesRemain(string value, string? expected)
    {
        Assert.Equal(expected, DicomDateTimeText.NormalizeDate(value));
    }
}
