namespace HeadCt.Gateway.Storage;

/// <summary>
/// Who sent a study received over DIMSE: the calling AE titles of its instances, how many associations carried them
/// and how many instances it has. The processor copies it onto the result document's <c>source</c>.
/// </summary>
public sealed record DimseOrigin(IReadOnlyList<string> CallingAeTitles, int Associations, int Instances);
