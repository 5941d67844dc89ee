using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Features.Dimse;

/// <summary>
/// <c>Dimse</c>: the gateway as a DICOM application entity: where it listens, who may send to it, where it may send,
/// the bounds on each association, how studies are assembled and how sends are retried.
/// </summary>
public sealed class DimseOptions
{
    public const string Section = "Dimse";

    /// <summary>The TCP port of the DICOM endpoint (the AppHost's endpoint "dicom" sets it); 0 lets the OS choose.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 11112;

    /// <summary>Our AE title: requests must call it, and our SCU calls with it.</summary>
    [Required]
    public string AeTitle { get; set; } = "HEADCT";

    /// <summary>The known peers: who may send to us (role Scu) and where we may send (role Scp).</summary>
    public List<DimsePeerOptions> Peers { get; set; } = [];

    /// <summary>A lab setting: admit any calling AE title (unknown ones are otherwise rejected, calling-AE-title-not-recognized).</summary>
    public bool AllowAnyCallingAeTitle { get; set; }

    /// <summary>Associations served at once; one more is rejected transiently (local-limit-exceeded).</summary>
    [Range(1, 10_000)]
    public int MaxAssociations { get; set; } = 32;

    /// <summary>The Maximum Length we announce (largest P-DATA-TF we accept); larger PDUs abort the association.</summary>
    [Range(4096, 16 * 1024 * 1024)]
    public int MaxPduLength { get; set; } = 256 * 1024;

    /// <summary>An established association silent for this long is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The ARTIM timer (PS3.8 §9.1.5): time for a new connection to send its request, and a closing one to close.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ArtimTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A study is complete when no instance of it arrived for this long (then it is processed; late ones reprocess it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A completed study is kept in memory this long for late instances (after that they reopen it from storage).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AssemblyRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts of one send before it ends failed.</summary>
    [Range(1, 100)]
    public int SendMaxAttempts { get; set; } = 5;

    /// <summary>Delay before the second attempt of a send; it doubles with each further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SendRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long our SCU waits for a connection, an association answer, and each DIMSE response.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public DimsePeerOptions? FindPeer(string aeTitle) =>
        Peers.FirstOrDefault(peer => global::HeadCt.Dimse.AeTitle.AreEqual(peer.AeTitle, aeTitle));
}
