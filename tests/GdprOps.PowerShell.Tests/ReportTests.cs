using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public class ReportTests
{
    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void Review_round_trip_applies_exactly_the_approved_rows()
    {
        using var dir = new TempFolder();
        string report = Path.Combine(dir.Path, "findings.csv");
        var export = Ps.Run("New-SubjectProfile -Path ./samples/subject.json | Find-PersonalData -Path ./samples/share | Export-PersonalDataReport -Path $r", Vars(("r", report)));
        Assert.Null(export.Terminating);
        Assert.Empty(export.Output);

        // The DPO approves two rows in Excel (semicolon-separated, as Excel saves it in Danish locales).
        var lines = File.ReadAllLines(report, Encoding.UTF8).ToList();
        Assert.Equal(7, lines.Count);
        var header = lines[0].Split(',');
        int decision = Array.IndexOf(header, "Decision");
        Assert.Equal(header.Length - 1, decision);
        var approvedIds = new List<string>();
        for (int i = 1; i < lines.Count; i++)
        {
            bool approve = lines[i].Contains("sick-leave", StringComparison.Ordinal) || lines[i].Contains("crm-export", StringComparison.Ordinal);
            lines[i] += approve ? (i % 2 == 0 ? "Approve" : " yes ") : "keep";
        }

        File.WriteAllLines(report, lines, new UTF8Encoding(true));
        var imported = Ps.Run("Import-PersonalDataReport -Path $r -ApprovedOnly", Vars(("r", report)));
        Assert.Null(imported.Terminating);
        Assert.Equal(new[] { "crm-export.json", "sick-leave-2026.csv" },
            imported.Output.Select(o => o.Properties["ItemName"].Value!.ToString()).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(imported.Output, o => Assert.Equal("GdprOps.Finding", o.TypeNames[0]));

        var all = Ps.Run("Import-PersonalDataReport -Path $r | Where-Object Decision -eq 'keep'", Vars(("r", report)));
        Assert.Equal(4, all.Output.Count);
    }

    [Fact]
    public void The_report_uses_the_cultures_list_separator_readable_dates_and_round_trips_to_the_same_text()
    {
        using var dir = new TempFolder();
        string danish = Path.Combine(dir.Path, "da.csv");
        string again = Path.Combine(dir.Path, "again.csv");
        string comma = Path.Combine(dir.Path, "comma.csv");
        var result = Ps.Run(
            "[System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo('da-DK')\n" +
            $"Find-PersonalData -Path ./samples/share -Email soeren.oestergaard@nordlys.example | Export-PersonalDataReport -Path '{danish}'\n" +
            $"Import-PersonalDataReport -Path '{danish}' | Export-PersonalDataReport -Path '{again}'\n" +
            $"Import-PersonalDataReport -Path '{danish}' | Export-PersonalDataReport -Path '{comma}' -Delimiter ','");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        string[] lines = File.ReadAllLines(danish);
        Assert.StartsWith("SourceKind;Source;Location;ItemId;", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Matches(@";\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z;", lines[1]);
        Assert.DoesNotMatch(@"\.\d{7}", lines[1].Replace(lines[1].Split(';')[6], string.Empty, StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(danish), File.ReadAllText(again));
        Assert.StartsWith("SourceKind,Source,", File.ReadAllLines(comma)[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_csv_style_objects_and_hashtables_bind_by_property_name()
    {
        using var dir = new TempFolder();
        string report = Path.Combine(dir.Path, "r.csv");
        var result = Ps.Run(
            "$rows = @([pscustomobject]@{ SourceKind = 'FileShare'; Source = '/srv'; ItemId = 'a.txt'; Modified = '2026-01-02T03:04:05Z'; Decision = 'approve'; Extra = 'x' }, " +
            "@{ SourceKind = 'FileShare'; Source = '/srv'; ItemId = '=cmd|calc' }); " +
            "$rows | Export-PersonalDataReport -Path $r -PassThru",
            Vars(("r", report)));
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("GdprOps.Finding", o.TypeNames[0]));
        string text = File.ReadAllText(report);
        Assert.Contains("'=cmd|calc", text, StringComparison.Ordinal);
        var back = Ps.Run("Import-PersonalDataReport -Path $r", Vars(("r", report)));
        Assert.Equal(new[] { "a.txt", "=cmd|calc" }, back.Output.Select(o => o.Properties["ItemId"].Value!.ToString()));
    }

    [Fact]
    public void An_object_without_identity_is_an_error_and_the_rest_is_written()
    {
        using var dir = new TempFolder();
        string report = Path.Combine(dir.Path, "r.csv");
        var result = Ps.Run(
            "[pscustomobject]@{ Source = '/srv' }, [pscustomobject]@{ SourceKind = 'FileShare'; Source = '/srv'; ItemId = 'b.txt' } | Export-PersonalDataReport -Path $r",
            Vars(("r", report)));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ReportMalformed,GdprOps.PowerShell.Commands.ExportPersonalDataReportCommand", error.FullyQualifiedErrorId);
        Assert.Contains("input object 1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(report).Length);
    }

    [Fact]
    public void WhatIf_writes_nothing_and_NoClobber_protects_an_existing_report()
    {
        using var dir = new TempFolder();
        string report = Path.Combine(dir.Path, "r.csv");
        var whatIf = Ps.Run("Find-PersonalData -Path ./samples/share -Email soeren.oestergaard@nordlys.example | Export-PersonalDataReport -Path $r -WhatIf", Vars(("r", report)));
        Assert.Null(whatIf.Terminating);
        Assert.False(File.Exists(report));
        Assert.Empty(Directory.GetFiles(dir.Path));

        File.WriteAllText(report, "keep me");
        var noClobber = Ps.Run("try { Find-PersonalData -Path ./samples/share -Email soeren.oestergaard@nordlys.example | Export-PersonalDataReport -Path $r -NoClobber } catch { $_ }", Vars(("r", report)));
        Assert.StartsWith("ReportFileExists,", noClobber.Caught().FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(report));
    }

    [Fact]
    public void A_malformed_report_feeds_nothing_and_names_the_line()
    {
        using var dir = new TempFolder();
        string report = dir.File("bad.csv", "SourceKind,Source,ItemId,SizeBytes\r\nFileShare,/srv,a.txt,10\r\nFileShare,/srv,b.txt,ten\r\n");
        var result = Ps.Run("try { Import-PersonalDataReport -Path $r } catch { $_ }", Vars(("r", report)));
        var record = result.Caught();
        Assert.Equal("ReportMalformed,GdprOps.PowerShell.Commands.ImportPersonalDataReportCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
        Assert.Contains("line 3", record.Exception.Message, StringComparison.Ordinal);
        Assert.Single(result.Output);
    }
}
