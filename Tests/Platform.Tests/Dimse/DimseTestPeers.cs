using HeadCt.DicomPeers;

namespace HeadCt.Platform.Tests.Dimse;

/// <summary>
/// The gateway's DICOM settings in the services fixture: its AE title, the peers the tests play (DCMTK tools, Orthanc,
/// storescp, our own SCU) and short times. Destination ports are reserved before the AppHost starts, because the
/// gateway reads its peers at start-up; the tests start storescp and Orthanc on them.
/// </summary>
public static class DimseTestPeers
{
    public const string GatewayAeTitle = "HEADCT";
    public const string Storescu = "STORESCU";
    public const string Dcmsend = "DCMSEND";
    public const string Echoscu = "ECHOSCU";
    public const string OurScu = "HEADCT_TEST";
    public const string OrthancModality = "headct";
    public const string Offline = "OFFLINE";
    public const int MaxAssociations = 16;
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    public static readonly int StorescpPort = FreePorts.Next();
    public static readonly int OrthancDicomPort = FreePorts.Next();

    /// <summary>A port nothing listens on: sends there fail to connect.</summary>
    public static readonly int OfflinePort = FreePorts.Next();

    public static IEnumerable<(string Name, string Value)> GatewayEnvironment
    {
        get
        {
            yield return ("Dimse__AeTitle", GatewayAeTitle);
            yield return ("Dimse__QuietPeriod", QuietPeriod.ToString());
            yield return ("Dimse__MaxAssociations", MaxAssociations.ToString());
            yield return ("Dimse__SendMaxAttempts", "2");
            yield return ("Dimse__SendRetryDelay", "00:00:01");
            yield return ("Dimse__SendTimeout", "00:00:15");
            (string Ae, string Role, int Port)[] peers =
            [
                (Storescu, "Scu", 0), (Dcmsend, "Scu", 0), (Echoscu, "Scu", 0), (OurScu, "Scu", 0),
                (Orthanc.AeTitle, "Both", OrthancDicomPort), (Storescp.AeTitle, "Scp", StorescpPort), (Offline, "Scp", OfflinePort),
            ];
            for (var i = 0; i < peers.Length; i++)
            {
                yield return ($"Dimse__Peers__{i}__AeTitle", peers[i].Ae);
                yield return ($"Dimse__Peers__{i}__Role", peers[i].Role);
                if (peers[i].Port != 0)
                {
                    yield return ($"Dimse__Peers__{i}__Host", "127.0.0.1");
                    yield return ($"Dimse__Peers__{i}__Port", peers[i].Port.ToString());
                }
            }
        }
    }
}
