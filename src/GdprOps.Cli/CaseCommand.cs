using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GdprOps.Audit;
using GdprOps.Cases;

namespace GdprOps.Cli;

/// <summary>gdprops case list: the case reminders a cron job sends (the cases themselves are made with New-GdprCase).</summary>
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

        return new Command("case", "Data subject requests registered with New-GdprCase.") { list };
    }

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
