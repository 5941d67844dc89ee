using HeadCt.Gateway.Features.Results;

namespace HeadCt.Platform.Tests.Units;

public sealed class MetadataValidatorTests
{
    [Fact]
    public void GivenFullValidUpdate_WhenValidated_ThenNoErrors()
    {
        var tags = Enumerable.Range(0, MetadataValidator.MaxTags).ToDictionary(i => $"key-{i}", i => $"value {i}");
        var update = new MetadataUpdate(new string('c', MetadataValidator.MaxCommentLength), new ReviewUpdate("uncertain", "r"), tags);

        Assert.Empty(MetadataValidator.Validate(update));
    }

    [Fact]
    public void GivenEveryBoundExceeded_WhenValidated_ThenEachFieldIsNamed()
    {
        var tags = Enumerable.Range(0, MetadataValidator.MaxTags + 1).ToDictionary(i => $"k{i}", _ => "v");
        tags["bad key"] = "v";
        tags["long"] = new string('v', MetadataValidator.MaxTagValueLength + 1);
        var update = new MetadataUpdate(
            new string('c', MetadataValidator.MaxCommentLength + 1),
            new ReviewUpdate("AGREE", new string('r', MetadataValidator.MaxReviewerLength + 1)),
            tags);

        var errors = MetadataValidator.Validate(update);

        Assert.Equal(["comment", "review.decision", "review.reviewer", "tags", "tags.bad key", "tags.long"], errors.Keys.Order());
    }
}
