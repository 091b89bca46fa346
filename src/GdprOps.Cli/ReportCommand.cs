using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using GdprOps.Audit;
using GdprOps.Cases;
using GdprOps.Export;
using GdprOps.Model;
using GdprOps.Reporting;

namespace GdprOps.Cli;

/// <summary>gdprops report: Export-GdprReport from the shell, from a findings CSV (gdprops find --csv) or a case.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var findings = new Option<FileInfo[]>("--findings") { Description = "Findings CSV reports (gdprops find --csv, Export-PersonalDataReport) to map.", AllowMultipleArgumentsPerToken = true };
        var caseId = new Option<string?>("--case") { Description = "A case id: its timeline from the audit log (with --findings, also what was found where)." };
        var folder = new Option<string?>("--case-folder") { Description = "The case folder (default: GDPROPS_CASES, else the user's)." };
        var auditLog = new Option<string?>("--audit-log") { Description = "The audit log (default: GDPROPS_AUDIT_LOG, else the machine's log)." };
        var title = new Option<string?>("--title") { Description = "The report's title." };
        var path = new Option<FileInfo>("--out") { Description = "The HTML file to write.", Required = true };
        var command = new Command("report", "Write one self-contained HTML report (inline SVG charts, no scripts) from findings or a case.") { findings, caseId, folder, auditLog, title, path };
        command.SetAction(parse =>
        {
            try
            {
                var rows = (parse.GetValue(findings) ?? Array.Empty<FileInfo>()).SelectMany(Read).ToList();
                string html;
                if (parse.GetValue(caseId) is { } id)
                {
                    var store = new CaseStore(parse.GetValue(folder) ?? CaseStore.DefaultFolder());
                    var log = new AuditLog(parse.GetValue(auditLog) ?? AuditLog.DefaultPath()).Read();
                    html = HtmlReport.Case(CaseStatusReport.For(store.Get(CaseStore.CheckId(id)), DateTime.Today, log), rows);
                }
                else if (rows.Count > 0)
                {
                    html = HtmlReport.Discovery(rows, parse.GetValue(title));
                }
                else
                {
                    error.WriteLine("gdprops: give --findings (one or more CSV reports) or --case.");
                    return ExitCodes.InvalidUsage;
                }

                var target = parse.GetValue(path)!;
                File.WriteAllText(target.FullName, html, new UTF8Encoding(false));
                output.WriteLine($"Report: {target.FullName}");
                return ExitCodes.Success;
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"gdprops: {ex.Message}");
                return ExitCodes.InvalidUsage;
            }
            catch (IOException ex)
            {
                error.WriteLine($"gdprops: the report could not be written: {ex.Message}");
                return ExitCodes.Errors;
            }
        });
        return command;
    }

    private static System.Collections.Generic.IEnumerable<Finding> Read(FileInfo file)
    {
        using var reader = new FindingReportReader(file.FullName);
        return reader.ReadAll().ToList();
    }
}
