namespace HeadCt.Gateway.Features.Upload;

/// <summary>An upload crossed a configured bound; <see cref="Limit"/> is the option's name.</summary>
public sealed class UploadLimitExceededException(string limit, string message) : Exception(message)
{
    public string Limit { get; } = limit;
}
