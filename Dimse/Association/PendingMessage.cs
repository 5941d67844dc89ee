using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Services;

namespace HeadCt.Dimse.Association;

/// <summary>
/// A request whose command set has arrived: either answered at once (<see cref="Immediate"/>: C-ECHO, a refused or
/// unknown operation, whose data set if any is read and dropped) or stored through <see cref="Transfer"/>.
/// </summary>
internal sealed record PendingMessage(CommandSet Command, byte ContextId, StoreOutcome? Immediate, StoreTransfer? Transfer);
