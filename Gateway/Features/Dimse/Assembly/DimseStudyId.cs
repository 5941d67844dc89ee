using System.Security.Cryptography;
using System.Text;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// A DIMSE study's id follows from its Study Instance UID (the first 128 bits of a SHA-256, as 32 hex digits), so
/// instances of one study land in one study however many associations, gateway restarts or replicas carry them.
/// </summary>
public static class DimseStudyId
{
    public static string For(string studyInstanceUid) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("headct-dimse-study:" + studyInstanceUid)).AsSpan(0, 16));
}
