namespace GdprOps.Cli;

/// <summary>Exit codes a scheduled task can act on.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed; findings (if any) were written.</summary>
    public const int Success = 0;

    /// <summary>The run completed but some items or folders could not be read (see stderr).</summary>
    public const int Errors = 1;

    /// <summary>The call was invalid (bad options, invalid subject profile); nothing was swept.</summary>
    public const int InvalidUsage = 2;

    /// <summary>gdprops retention test: some mail is older than the rule allows.</summary>
    public const int Violations = 1;

    /// <summary>gdprops retention test: a mailbox could not be checked (or the call was invalid).</summary>
    public const int CheckFailed = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM.</summary>
    public const int Stopped = 130;
}
