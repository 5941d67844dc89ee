using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// Every UID of the objects we write lies under one root, <see cref="Root"/> = 2.25 (PS3.5 §B.2: the decimal value of a
/// UUID), so no registered organisation root is needed. The UUID is name-based (RFC 9562 version 8 from SHA-256) over the
/// study id, the model's ONNX hash and the object's role ("sr", "seg", "sc/3", "series/sr"...): the same study processed
/// again by the same model gets the same UIDs, so a destination that honours SOP Instance UIDs replaces instead of
/// duplicating, and a different model makes different objects.
/// </summary>
public static class ResultUids
{
    public const string Root = "2.25";

    public static string For(string studyId, string modelSha256, string role)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"headct-result\n{studyId}\n{modelSha256}\n{role}"));
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        var value = new BigInteger(uuid, isUnsigned: true, isBigEndian: true);
        return $"{Root}.{value}";
    }
}
