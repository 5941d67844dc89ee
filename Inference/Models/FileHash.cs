using System.Security.Cryptography;

namespace HeadCt.Inference.Models;

internal static class FileHash
{
    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
