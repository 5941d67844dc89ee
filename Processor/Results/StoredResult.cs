namespace HeadCt.Processor.Results;

/// <summary>A result document as stored: its JSON bytes and the blob ETag that versions it.</summary>
public sealed record StoredResult(string ETag, ReadOnlyMemory<byte> Json)
{
    public ResultDocument Document => System.Text.Json.JsonSerializer.Deserialize<ResultDocument>(Json.Span, ProcessorJson.Options)
        ?? throw new InvalidDataException("A stored result document is empty.");
}
