using System;
using System.IO;

namespace GdprOps.Cli;

/// <summary>How a command that checks before it acts reports a refusal: one ERROR line with the error id, and exit code 2.</summary>
internal static class CliErrors
{
    /// <summary>Runs <paramref name="action"/>; an engine refusal becomes "ERROR id: message" on stderr and <see cref="ExitCodes.InvalidUsage"/>.</summary>
    public static int Refusing(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (GdprOpsException ex)
        {
            error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
            return ExitCodes.InvalidUsage;
        }
    }
}
