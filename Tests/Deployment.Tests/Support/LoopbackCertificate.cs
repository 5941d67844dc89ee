using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HeadCt.Deployment.Tests.Support;

/// <summary>A self-signed certificate for 127.0.0.1, written as PEM files for Azurite's HTTPS (bearer tokens need TLS).</summary>
internal sealed class LoopbackCertificate : IDisposable
{
    public LoopbackCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePath = Path.Combine(folder, "cert.pem");
        KeyPath = Path.Combine(folder, "key.pem");
        File.WriteAllText(CertificatePath, Certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>Trusts exactly this certificate (pinned), for the test's own clients.</summary>
    public HttpClientHandler PinnedHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.RawData.AsSpan().SequenceEqual(Certificate.RawData),
    };

    public void Dispose() => Certificate.Dispose();
}
