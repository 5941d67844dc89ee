namespace HeadCt.Dimse.Messages;

/// <summary>A command set that does not follow PS3.7 §6.3 / Annex E (it cannot be answered, only aborted).</summary>
public sealed class CommandSetException(string message) : Exception(message);
