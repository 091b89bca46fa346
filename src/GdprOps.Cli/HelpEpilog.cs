using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;

namespace GdprOps.Cli;

/// <summary>--help of every command ends with the environment variables gdprops reads and the exit codes it returns.</summary>
internal sealed class HelpEpilog : SynchronousCommandLineAction
{
    internal const string Text = """

        Environment variables (secrets are read from here, never from the command line):
          GDPROPS_CLIENT_SECRET           App secret for app-only sign-in with --tenant-id and --client-id.
          GDPROPS_CERTIFICATE_PASSWORD    Password of the .pfx given with --certificate-path.
          GDPROPS_ACCESS_TOKEN            A ready access token for Microsoft Graph (when no other sign-in is given).
          GDPROPS_BLOB_CONNECTION_STRING  Azure Storage connection string for --blob-container names.
          GDPROPS_BLOB_SAS_URIS           Container SAS URLs, one per line.
          GDPROPS_AUDIT_LOG               The audit log (default: the machine's GdprOps audit log).
          GDPROPS_CASES                   The folder of subject request cases.

        Exit codes:
          0    Done: nothing failed (find: findings, if any, were written; retention: every item complies).
          1    Done, but something needs a look: items or sources that could not be read, removals or exports that
               failed or were refused, retention violations, an overdue case, an audit log that does not verify.
          2    Nothing was done: the command line, a profile, a policy or a report is invalid (or a retention check failed).
          130  Stopped by Ctrl+C or SIGTERM; what finished is recorded (audit log, checkpoint, export journal).
        """;

    private readonly HelpAction _help;

    private HelpEpilog(HelpAction help)
    {
        _help = help;
    }

    /// <summary>Makes the help option of <paramref name="root"/> (which every subcommand inherits) print the epilog.</summary>
    public static void AddTo(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpEpilog((HelpAction)option.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        int exit = _help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Text);
        return exit;
    }
}
