using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GdprOps.Audit;

namespace GdprOps.Cli;

/// <summary>gdprops audit show|verify: Get-GdprAuditLog and Test-GdprAuditLog for cron jobs and containers.</summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        return new Command("audit", "Read the audit log of exports, removals and sweeps, and check that nobody altered it.") { Show(output, error), Verify(output, error) };
    }

    private static Option<string?> LogOption() =>
        new("--audit-log") { Description = "The audit log (default: GDPROPS_AUDIT_LOG, else the machine's log)." };

    private static Command Show(TextWriter output, TextWriter error)
    {
        var log = LogOption();
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only entries at or after this date and time (UTC unless it says otherwise)." };
        var caseId = new Option<string?>("--case-id") { Description = "Only entries of this case." };
        var action = new Option<string?>("--action") { Description = "Only entries of this action (Export, Remove, Sweep, RetentionEnforce ...)." };
        var show = new Command("show", "Print the audit log's entries, one per line, tab-separated (the person appears only as a salted hash).") { log, since, caseId, action };
        show.SetAction(parse =>
        {
            var path = parse.GetValue(log) ?? AuditLog.DefaultPath();
            return CliErrors.Refusing(error, () =>
            {
                var from = parse.GetValue(since);
                string? wantedCase = parse.GetValue(caseId);
                string? wantedAction = parse.GetValue(action);
                var records = new AuditLog(path).Read().Where(r =>
                    (from is null || r.Time >= from.Value) &&
                    (wantedCase is null || string.Equals(r.CaseId, wantedCase, StringComparison.OrdinalIgnoreCase)) &&
                    (wantedAction is null || string.Equals(r.Action, wantedAction, StringComparison.OrdinalIgnoreCase))).ToList();
                output.WriteLine("Sequence\tTime\tAction\tCommand\tCaseId\tOperator\tOsUser\tMachine\tSubjectHash\tScope\tCounts\tOutcome");
                foreach (var r in records)
                {
                    output.WriteLine(string.Join("\t", r.Sequence.ToString(CultureInfo.InvariantCulture), r.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z",
                        r.Action, r.Command, r.CaseId, r.Operator, r.OsUser, r.Machine, r.SubjectHash, Flat(r.Scope), Flat(r.Counts), Flat(r.Outcome)));
                }

                return ExitCodes.Success;
            });
        });
        return show;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var log = LogOption();
        var tip = new Option<string?>("--expected-tip") { Description = "The tip (sequence:hash) an earlier verify printed, kept somewhere safe: a cut-off or edited tail no longer matches it." };
        var anchor = new Option<string?>("--anchor") { Description = "Where the log's anchor is, when it is not beside the log." };
        var verify = new Command("verify", "Check the audit log's hash chain and tip; exits 1 and names the first broken line when it does not hold.") { log, tip, anchor };
        verify.SetAction(parse =>
        {
            string? expected = parse.GetValue(tip);
            if (expected is not null && !System.Text.RegularExpressions.Regex.IsMatch(expected, @"^\d+:[0-9a-fA-F]{64}$"))
            {
                error.WriteLine($"ERROR {ErrorIds.InvalidArgument}: --expected-tip is 'sequence:hash' (a number, a colon and 64 hex digits), as verify prints it.");
                return ExitCodes.InvalidUsage;
            }

            var result = new AuditLog(parse.GetValue(log) ?? AuditLog.DefaultPath(), parse.GetValue(anchor)).Verify(expected);
            output.WriteLine($"Path:     {result.Path}");
            output.WriteLine($"Valid:    {(result.Valid ? "yes" : "NO")}");
            output.WriteLine($"Entries:  {result.Entries}");
            output.WriteLine($"Tip:      {result.Tip}");
            output.WriteLine($"Anchored: {(result.Anchored ? "yes" : "no")}");
            if (!result.Valid)
            {
                error.WriteLine($"gdprops: the audit log does not verify{(result.FirstBrokenLine > 0 ? $" from line {result.FirstBrokenLine}" : string.Empty)}: {result.Reason}");
                return ExitCodes.Errors;
            }

            return ExitCodes.Success;
        });
        return verify;
    }

    /// <summary>A field on one tab-separated line: tabs and line breaks in it become spaces.</summary>
    private static string Flat(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
