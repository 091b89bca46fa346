using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GdprOps.Audit;
using GdprOps.Cases;

namespace GdprOps.Cli;

/// <summary>
/// gdprops case new|list|show|set|complete: New-/Get-/Set-/Complete-GdprCase for the shell, on the same case store and
/// rules (<see cref="CaseRules"/>); list is the reminder a cron job sends.
/// </summary>
internal static class CaseCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dueWithin = new Option<int?>("--due-within") { Description = "Only open cases due within this many days, overdue ones included." };
        var folder = new Option<string?>("--folder") { Description = "The case folder (default: GDPROPS_CASES, else the user's local application data, GdprOps/cases)." };
        var auditLog = new Option<string?>("--audit-log") { Description = "The audit log the history counts come from (default: the machine's log)." };
        var list = new Command("list", "List cases with their deadline and days left; exits 1 when an open case is overdue.") { dueWithin, folder, auditLog };
        list.SetAction(parse =>
        {
            try
            {
                var store = new CaseStore(parse.GetValue(folder) ?? CaseStore.DefaultFolder());
                var log = new AuditLog(parse.GetValue(auditLog) ?? AuditLog.DefaultPath()).Read();
                var today = DateTime.Today;
                int unreadable = 0;
                var cases = store.List((path, ex) =>
                {
                    unreadable++;
                    error.WriteLine($"gdprops: {ex.Message}");
                });
                int? days = parse.GetValue(dueWithin);
                var shown = cases.Where(c => days is null || CaseStatusReport.IsDueWithin(c, today, days.Value))
                    .Select(c => CaseStatusReport.For(c, today, log))
                    .OrderBy(r => r.Status).ThenBy(r => r.Due).ToList();
                output.WriteLine("CaseId\tType\tStatus\tReceived\tDue\tDaysLeft\tOverdue\tExtended\tSweeps\tExports\tRemovals");
                foreach (var r in shown)
                {
                    output.WriteLine(string.Join("\t", r.CaseId, r.Type, r.Status, Day(r.Received), Day(r.Due),
                        r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, r.Overdue ? "yes" : "no", r.Extended ? "yes" : "no",
                        r.Sweeps.ToString(CultureInfo.InvariantCulture), r.Exports.ToString(CultureInfo.InvariantCulture), r.Removals.ToString(CultureInfo.InvariantCulture)));
                }

                int overdue = shown.Count(r => r.Overdue);
                if (overdue > 0)
                {
                    error.WriteLine($"gdprops: {overdue} open case(s) overdue.");
                    return ExitCodes.Violations;
                }

                return unreadable > 0 ? ExitCodes.InvalidUsage : ExitCodes.Success;
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"gdprops: {ex.Message}");
                return ExitCodes.InvalidUsage;
            }
        });

        return new Command("case", "Data subject requests: register, follow, extend and complete them (as New-/Get-/Set-/Complete-GdprCase).")
        {
            New(output, error), list, Show(output, error), Set(output, error), Complete(output, error),
        };
    }

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Option<string?> FolderOption() => new("--folder") { Description = "The case folder (default: GDPROPS_CASES, else the user's local application data, GdprOps/cases)." };

    private static Option<string?> AuditLogOption() => new("--audit-log") { Description = "The audit log the case's history is read from (default: the machine's log)." };

    private static Argument<string> CaseIdArgument() => new("case-id") { Description = "The case id (DSAR-20261130-001)." };

    private static CaseStore Store(ParseResult parse, Option<string?> folder) => new(parse.GetValue(folder) ?? CaseStore.DefaultFolder());

    private static Command New(TextWriter output, TextWriter error)
    {
        var type = new Option<string>("--type") { Description = "Access, Erasure, Rectification or Objection.", Required = true };
        type.AcceptOnlyFromAmong("Access", "Erasure", "Rectification", "Objection");
        var caseId = new Option<string?>("--case-id") { Description = "The case id (default DSAR-yyyyMMdd-NNN from the received date); use it with --case-id on find, export and remove." };
        var received = new Option<DateTime?>("--received") { Description = "When the request came in (default: today)." };
        var profile = new Option<FileInfo?>("--subject-profile") { Description = "The subject profile file (its path is kept, never an identifier)." };
        var reference = new Option<string?>("--reference") { Description = "Your own reference (a ticket number)." };
        var responseDays = new Option<int?>("--response-days") { Description = "The controller's own answer period in days (1-90); default one month (Art. 12(3))." };
        var notes = new Option<string?>("--notes") { Description = "Notes." };
        var folder = FolderOption();
        var command = new Command("new", "Register a data subject request; its deadline is known from day one.") { type, caseId, received, profile, reference, responseDays, notes, folder };
        command.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            if (parse.GetValue(responseDays) is < 1 or > 90)
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "--response-days is 1 to 90.");
            }

            var store = Store(parse, folder);
            string? path = parse.GetValue(profile) is { } file ? GdprOps.Subjects.SubjectProfileFile.CheckExists(file.FullName) : null;
            var created = store.Create(CaseRules.New(store, Type(parse.GetValue(type)!), parse.GetValue(caseId), parse.GetValue(received), DateTime.Today,
                path, parse.GetValue(reference), parse.GetValue(responseDays), parse.GetValue(notes)));
            Print(output, CaseStatusReport.For(created, DateTime.Today, Array.Empty<AuditRecord>()));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var id = CaseIdArgument();
        var folder = FolderOption();
        var auditLog = AuditLogOption();
        var command = new Command("show", "A case with its deadline, what was done under its id (sweeps, exports, removals) and its history from the audit log.") { id, folder, auditLog };
        command.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            var report = CaseStatusReport.For(Store(parse, folder).Get(parse.GetValue(id)!), DateTime.Today,
                new AuditLog(parse.GetValue(auditLog) ?? AuditLog.DefaultPath()).Read());
            Print(output, report);
            output.WriteLine("History:");
            foreach (var line in report.History)
            {
                output.WriteLine($"  {line.Time.UtcDateTime:yyyy-MM-dd HH:mm}Z  {line.Action,-22} {line.Command,-28} {line.Outcome}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Set(TextWriter output, TextWriter error)
    {
        var id = CaseIdArgument();
        var extend = new Option<string?>("--extend") { Description = "Extend the deadline by two months (Art. 12(3)) for this reason; once, within the first period." };
        var type = new Option<string?>("--type") { Description = "Access, Erasure, Rectification or Objection." };
        type.AcceptOnlyFromAmong("Access", "Erasure", "Rectification", "Objection");
        var profile = new Option<FileInfo?>("--subject-profile") { Description = "The subject profile file." };
        var reference = new Option<string?>("--reference") { Description = "Your own reference." };
        var notes = new Option<string?>("--notes") { Description = "Notes (the only thing a completed case lets change)." };
        var folder = FolderOption();
        var command = new Command("set", "Change a case: extend its deadline, correct its type, profile, reference or notes.") { id, extend, type, profile, reference, notes, folder };
        command.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            var store = Store(parse, folder);
            string? path = parse.GetValue(profile) is { } file ? GdprOps.Subjects.SubjectProfileFile.CheckExists(file.FullName) : null;
            var changed = CaseRules.Change(store, parse.GetValue(id)!, DateTime.Today, parse.GetValue(extend), parse.GetValue(type) is { } t ? Type(t) : null,
                path, parse.GetValue(reference), parse.GetValue(notes));
            Print(output, CaseStatusReport.For(changed, DateTime.Today, Array.Empty<AuditRecord>()));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Complete(TextWriter output, TextWriter error)
    {
        var id = CaseIdArgument();
        var resolution = new Option<string>("--resolution") { Description = "How the case ended (\"Package sent by secure mail\", \"Erasure refused: Art. 17(3)(b)\").", Required = true };
        var on = new Option<DateTime?>("--completed-on") { Description = "When it was completed (default: today)." };
        var folder = FolderOption();
        var command = new Command("complete", "Close a case with how it ended; the history stays in the audit log. Exits 1 when it was completed late.") { id, resolution, on, folder };
        command.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            var completed = CaseRules.Complete(Store(parse, folder), parse.GetValue(id)!, parse.GetValue(resolution)!, (parse.GetValue(on) ?? DateTime.Today).Date);
            Print(output, CaseStatusReport.For(completed, DateTime.Today, Array.Empty<AuditRecord>()));
            if (CaseRules.LateWarning(completed) is { } late)
            {
                error.WriteLine("WARNING: " + late);
                return ExitCodes.Violations;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static CaseType Type(string text) => (CaseType)Enum.Parse(typeof(CaseType), text, ignoreCase: true);

    private static void Print(TextWriter output, CaseStatusReport r)
    {
        output.WriteLine($"CaseId:    {r.CaseId}");
        output.WriteLine($"Type:      {r.Type}");
        output.WriteLine($"Status:    {r.Status}");
        output.WriteLine($"Received:  {Day(r.Received)}");
        output.WriteLine($"Due:       {Day(r.Due)}{(r.Extended ? " (extended)" : string.Empty)}");
        output.WriteLine($"Days left: {r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "-"}{(r.Overdue ? " (OVERDUE)" : string.Empty)}");
        output.WriteLine($"Sweeps:    {r.Sweeps}  Exports: {r.Exports}  Removals: {r.Removals}");
    }
}
