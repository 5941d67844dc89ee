using HeadCt.Inference.Attention;
using HeadCt.Processor.Renderings;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The attention grid kept beside a result reads back bit for bit, and damaged bytes are refused with a reason.</summary>
public sealed class AttentionGridFormatTests
{
    [Fact]
    public void GivenAGrid_WhenWrittenAndRead_ThenEveryValueIsTheSame()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 4 * 3 * 2).Select(_ => (float)random.NextDouble() * 3).ToArray();
        values[5] = float.Epsilon;

        var read = AttentionGridFormat.Read(AttentionGridFormat.Write(new AttentionGrid(values, 4, 3, 2)));

        Assert.Equal((4, 3, 2), (read.Width, read.Height, read.Depth));
        Assert.Equal(values, read.Values);
    }

    [Theory]
    [InlineData("truncated", "does not match")]
    [InlineData("not-a-grid", "header is missing")]
    [InlineData("future-version", "not supported")]
    public void GivenDamagedBytes_WhenRead_ThenTheReasonIsGiven(string damage, string reason)
    {
        var bytes = AttentionGridFormat.Write(new AttentionGrid(new float[8], 2, 2, 2));
        bytes = damage switch
        {
            "truncated" => bytes[..^3],
            "not-a-grid" => [.. "PNG!"u8, .. bytes[4..]],
            _ => [.. bytes[..4], 2, 0, 0, 0, .. bytes[8..]],
        };

        var error = Assert.Throws<InvalidDataException>(() => AttentionGridFormat.Read(bytes));
        Assert.Contains(reason, error.Message);
    }
}
