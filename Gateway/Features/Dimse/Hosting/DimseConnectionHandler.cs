using HeadCt.Dimse.Association;
using Microsoft.AspNetCore.Connections;

namespace HeadCt.Gateway.Features.Dimse.Hosting;

/// <summary>One TCP connection of the DICOM endpoint = one association (PS3.8 §9.1.1), run by the shared acceptor.</summary>
public sealed class DimseConnectionHandler(AssociationAcceptor acceptor, IHostApplicationLifetime lifetime) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        acceptor.RunAsync(connection.Transport, connection.RemoteEndPoint?.ToString(), lifetime.ApplicationStopping);
}
