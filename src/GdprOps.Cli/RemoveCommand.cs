using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources;
using GdprOps.Sources.Graph;

namespace GdprOps.Cli;

/// <summary>
/// gdprops remove: Remove-SubjectData on the rows of reviewed reports, on the same engine path (the planner that makes
/// the Decision column law, the remover that re-checks each item, the audit log). Acts only with --yes; --what-if
/// lists what would be done and touches nothing.
/// </summary>
internal static class RemoveCommand
{
    /// <summary>Outcomes after which someone must look: the data may still be there.</summary>
    private static readonly HashSet<string> NeedsALook = new(StringComparer.Ordinal)
    {
        RemovalOutcome.Failed, RemovalOutcome.RedactedPartially, RemovalOutcome.MovedToDeletedItems, RemovalOutcome.Retained, RemovalOutcome.SkippedChanged,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var reports = new ReportInput();
        var who = new SubjectOptions();
        var cloud = new CloudOptions();
        var mode = new Option<string>("--mode") { Description = "Delete (default), Purge or Redact; a row's Decision (delete, purge, redact) wins.", DefaultValueFactory = _ => "Delete" };
        mode.AcceptOnlyFromAmong("Delete", "Purge", "Redact");
        var yes = new Option<bool>("--yes") { Description = "Act. Without it (or with --what-if) nothing is removed." };
        var whatIf = new Option<bool>("--what-if") { Description = "List what would be done with each row and touch nothing." };
        var verify = new Option<bool>("--verify") { Description = "Afterwards, sweep the same mailboxes, drives, shares and containers again and list what is left." };
        var undecided = new Option<bool>("--include-undecided") { Description = "Act on rows whose Decision is empty too (by default nobody approved them)." };
        var low = new Option<bool>("--include-low-confidence") { Description = "Act on Low-confidence matches a reviewer did not approve by name." };
        var hold = new Option<string[]>("--hold-info") { Description = "Mailboxes on hold: Exchange keeps a copy of what is deleted there (reported as Retained).", AllowMultipleArgumentsPerToken = true };
        var throttle = new Option<int>("--throttle-limit") { Description = "Items removed at once (1-64).", DefaultValueFactory = _ => 8 };
        var auditLog = new Option<string?>("--audit-log") { Description = "The audit log every removal is written to first (default: GDPROPS_AUDIT_LOG, else the machine's log)." };
        var command = new Command("remove", "Erase the items of reviewed findings reports (GDPR Art. 17): each item is checked to be unchanged and still about the person first, every action is in the audit log. Needs --yes.")
        {
            mode, yes, whatIf, verify, undecided, low, hold, throttle, auditLog,
        };
        foreach (var option in reports.All.Concat(who.All).Concat(cloud.SignIn))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            bool dryRun = parse.GetValue(whatIf);
            if (!dryRun && !parse.GetValue(yes))
            {
                error.WriteLine($"ERROR {ErrorIds.InvalidArgument}: gdprops remove erases data and acts only with --yes; --what-if lists what it would do. Nothing was removed.");
                return ExitCodes.InvalidUsage;
            }

            var host = new ConsoleHost(error, verbose: false);
            List<Finding> findings;
            RemovalOptions options;
            GraphConnection? connection;
            try
            {
                if (!who.Given(parse))
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                        "Say who the person is (--subject or --email, --name ...): each item is checked to still be about them before it is removed.");
                }

                var subject = who.Build(parse);
                findings = reports.Read(parse, error);
                options = new RemovalOptions(subject)
                {
                    Mode = (RemovalMode)Enum.Parse(typeof(RemovalMode), parse.GetValue(mode) ?? "Delete", ignoreCase: true),
                    ThrottleLimit = Math.Clamp(parse.GetValue(throttle), 1, 64),
                    ActOnUndecided = parse.GetValue(undecided),
                    IncludeLowConfidence = parse.GetValue(low),
                    MailboxesOnHold = new HashSet<string>(parse.GetValue(hold) ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase),
                    Command = "gdprops remove",
                };
                bool graph = findings.Any(f => f.SourceKind is SourceKind.Mailbox or SourceKind.Drive);
                connection = cloud.Connect(parse, graph, error);
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                return ExitCodes.InvalidUsage;
            }

            using var ownedConnection = connection;
            var remover = new SourceItemRemover(connection, Environment.GetEnvironmentVariable("GDPROPS_BLOB_CONNECTION_STRING"));
            var plan = findings.Select(f => RemovalPlanner.Plan(f, GdprOps.Export.FindingColumns.CameFromReport(f), options)).ToList();
            if (dryRun)
            {
                return await WhatIf(output, plan, options, remover, cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<RemovalResult> results;
            try
            {
                options.AuditLog = new GdprOps.Audit.AuditLog(parse.GetValue(auditLog) ?? GdprOps.Audit.AuditLog.DefaultPath());
                results = await new SubjectRemover(options, remover, host).RunAsync(plan, cancellationToken).ConfigureAwait(false);
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                return ExitCodes.Errors;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Stopped: what was removed before is in the audit log; run the same command again to go on.");
                return ExitCodes.Stopped;
            }

            TextTable.Write(output, new[] { "Outcome", "Mode", "Kind", "Source", "Item", "Detail" },
                results.Select(r => new[] { r.Outcome, r.Mode, r.SourceKind.ToString(), r.Source, r.ItemUri, r.Detail }).ToList());
            output.WriteLine(string.Join(", ", results.GroupBy(r => r.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")) + ".");
            int attention = results.Count(r => NeedsALook.Contains(r.Outcome));
            if (parse.GetValue(verify) && plan.Any(p => p.IsActedOn))
            {
                attention += await VerifyAsync(output, error, plan, options.Subject, connection, cancellationToken).ConfigureAwait(false);
            }

            if (attention > 0)
            {
                error.WriteLine($"gdprops: {attention} item(s) need a look: the data may still be there (see Outcome and Detail).");
            }

            return attention > 0 || host.ErrorCount > 0 ? ExitCodes.Errors : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Each row and what would be done with it (or why it is left alone); nothing is removed or recorded.</summary>
    private static async System.Threading.Tasks.Task<int> WhatIf(TextWriter output, List<PlannedRemoval> plan, RemovalOptions options, SourceItemRemover remover, System.Threading.CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        foreach (var planned in plan)
        {
            var f = planned.Finding;
            string what = planned.IsActedOn ? RemovalPlanner.Describe(planned, remover.DescribeDelete(f), options.MailboxesOnHold) : $"{planned.SkipOutcome}: {planned.SkipReason}";
            if (planned.IsActedOn && f.SourceKind == SourceKind.Blob && await remover.RetentionReasonAsync(f, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                what += $"; {reason} keeps it (Retained)";
            }

            rows.Add(new[] { planned.IsActedOn ? "Would act" : "Left alone", f.SourceKind.ToString(), f.Source, f.ItemUri, what });
        }

        TextTable.Write(output, new[] { "What if", "Kind", "Source", "Item", "Action" }, rows);
        output.WriteLine($"What if: {plan.Count(p => p.IsActedOn)} item(s) would be acted on, {plan.Count(p => !p.IsActedOn)} left alone. Nothing was removed.");
        return ExitCodes.Success;
    }

    /// <summary>--verify: the same sources swept again; every finding left is printed and counts as needing a look.</summary>
    private static async System.Threading.Tasks.Task<int> VerifyAsync(TextWriter output, TextWriter error, List<PlannedRemoval> plan, SubjectProfile subject, GraphConnection? connection, System.Threading.CancellationToken cancellationToken)
    {
        var acted = plan.Where(p => p.IsActedOn).Select(p => p.Finding).ToList();
        var host = new ConsoleHost(error, verbose: false);
        var verification = VerificationScope.Sweep(acted, subject, connection, Environment.GetEnvironmentVariable("GDPROPS_BLOB_CONNECTION_STRING"), "gdprops remove --verify");
        await new GdprOps.Sweep.PersonalDataSweep(verification, host).RunAsync(cancellationToken).ConfigureAwait(false);
        var left = host.Findings.Where(f => f.Status == ScanStatus.Scanned).ToList();
        output.WriteLine($"Verify: {left.Count} item(s) still mention the person.");
        foreach (var f in left)
        {
            output.WriteLine($"  {f.SourceKind} {f.Source} {f.ItemUri} ({f.SubjectMatches})");
        }

        return left.Count;
    }
}
