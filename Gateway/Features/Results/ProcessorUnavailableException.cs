namespace HeadCt.Gateway.Features.Results;

/// <summary>The processor could not be reached, or answered with a server error, after the resilience pipeline.</summary>
public sealed class ProcessorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
