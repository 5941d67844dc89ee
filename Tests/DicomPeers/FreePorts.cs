using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HeadCt.DicomPeers;

/// <summary>Loopback ports for peers started by tests (never fixed ports: other test runs share the machine).</summary>
public static class FreePorts
{
    /// <summary>A port the OS just gave out and took back; a process started right after binds it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True once something accepts connections on the port; false if the process exits or the time runs out.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
