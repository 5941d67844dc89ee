using Microsoft.Extensions.Configuration;

namespace HeadCt.AppHost;

/// <summary>
/// How many replicas of a service the AppHost runs: the parameter <c>Parameters:{name}</c> (command line,
/// environment <c>Parameters__{name}</c> or user secrets), 1 when unset. Read when the app model is built, because
/// Aspire's replica count is fixed then; a value that is not a whole number from 1 to <see cref="Max"/> stops the
/// AppHost with the reason.
/// </summary>
internal static class ReplicaCounts
{
    public const int Max = 16;

    public static int Read(IConfiguration configuration, string parameterName)
    {
        var text = configuration[$"Parameters:{parameterName}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= Max
            ? count
            : throw new InvalidOperationException($"Parameter '{parameterName}' is '{text}': it must be a whole number from 1 to {Max}.");
    }
}
