using System.Numerics;

namespace HeadCt.Imaging.Phantoms;

/// <summary>UUID-derived UIDs (PS3.5 §B.2), fresh for each phantom.</summary>
internal static class PhantomUids
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public const string EnhancedCtImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";

    public static string New() => "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}
