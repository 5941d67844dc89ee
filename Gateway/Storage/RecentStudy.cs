namespace HeadCt.Gateway.Storage;

/// <summary>One entry of the recent-studies index: enough for a list without reading the study record.</summary>
public sealed record RecentStudy(string Id, DateTimeOffset UploadedAt, int FileCount);
