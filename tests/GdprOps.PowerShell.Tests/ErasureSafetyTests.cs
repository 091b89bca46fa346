using System;
using System.IO;
using System.Linq;
using System.Text;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>
/// The review → erasure path as a careful admin and a careless one use it: a dry run never deletes, -Force only skips
/// the question, the DPO's Decision column is law, and a report Excel saved in Windows-1252 removes exactly what
/// was approved and records nothing false.
/// </summary>
public sealed class ErasureSafetyTests
{
    private const string Profile = "$s = New-SubjectProfile -Path ./samples/subject.json\n";

    private static int FileCount(string share) => Directory.GetFiles(share, "*", SearchOption.AllDirectories).Length;

    public static TheoryData<string, string, int, int> ConfirmationCases => new()
    {
        // name, how Remove-SubjectData is called (after the sweep pipes into it), files removed, prompts.
        // Six files mention the person; one only by name (Low confidence), which is never removed unasked.
        { "WhatIfPreference with Force", "$WhatIfPreference = $true\n{0} | Remove-SubjectData -Subject $s -Force", 0, 0 },
        { "WhatIf with Force", "{0} | Remove-SubjectData -Subject $s -Force -WhatIf", 0, 0 },
        { "WhatIf with Confirm:$false", "{0} | Remove-SubjectData -Subject $s -WhatIf -Confirm:$false", 0, 0 },
        { "WhatIfPreference in a calling function", "function Invoke-Erasure {{ [CmdletBinding(SupportsShouldProcess)] param($s) {0} | Remove-SubjectData -Subject $s -Force }}\nInvoke-Erasure -s $s -WhatIf", 0, 0 },
        { "WhatIf:$false beats the preference", "$WhatIfPreference = $true\n{0} | Remove-SubjectData -Subject $s -Force -WhatIf:$false", 5, 0 },
        { "Force", "{0} | Remove-SubjectData -Subject $s -Force", 5, 0 },
        { "Confirm:$false", "{0} | Remove-SubjectData -Subject $s -Confirm:$false", 5, 0 },
        { "ConfirmPreference None", "$ConfirmPreference = 'None'\n{0} | Remove-SubjectData -Subject $s", 5, 0 },
        { "Force with an explicit Confirm still asks", "{0} | Remove-SubjectData -Subject $s -Force -Confirm", 5, 1 },
        { "no switches asks", "{0} | Remove-SubjectData -Subject $s", 5, 1 },
    };

    [Theory]
    [MemberData(nameof(ConfirmationCases))]
    public void WhatIf_always_wins_and_Force_only_skips_the_question(string name, string call, int removed, int prompts)
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string audit = Path.Combine(dir.Path, "audit.log");
        int before = FileCount(share);
        // "Yes to All" answers the first question; a prompt nobody expected makes the host throw.
        var host = new ScriptedHost(Enumerable.Repeat("Yes to All", prompts).ToArray());
        string sweep = $"Find-PersonalData -Path '{share}' -Subject $s";
        var result = Ps.Run($"$PSDefaultParameterValues['Remove-SubjectData:AuditLogPath'] = '{audit}'\n" + Profile + string.Format(System.Globalization.CultureInfo.InvariantCulture, call, sweep), host: host);

        Assert.True(result.Terminating is null, name + ": " + result.Terminating?.Message);
        Assert.Equal(prompts, host.Prompts.Count);
        Assert.Equal(before - removed, FileCount(share));
        Assert.Equal(removed > 0, File.Exists(audit));
        Assert.True(File.Exists(Path.Combine(share, "HR", "sick-leave-2026.csv")), "the name-only (Low) item was removed unasked");
    }

    [Fact]
    public void Invoke_ItemRetention_with_WhatIfPreference_and_Force_deletes_nothing()
    {
        using var dir = new TempFolder();
        string policy = dir.File("retention.json", """
            { "itemRules": [ { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "Recruitment policy 3" } ] }
            """);
        string share = Path.Combine(dir.Path, "share");
        File.SetLastWriteTimeUtc(dir.File("share/cv-2023.txt", "cv"), new DateTime(2023, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        string audit = Path.Combine(dir.Path, "audit.log");

        var result = Ps.Run($"$WhatIfPreference = $true\nInvoke-ItemRetention -Policy '{policy}' -Path '{share}' -AsOf ([datetime]'2026-11-23') -AuditLogPath '{audit}' -Force");

        Assert.Null(result.Terminating);
        Assert.Single(Directory.GetFiles(share));
        Assert.False(File.Exists(audit));
    }

    private static string ReviewedReport(TempFolder dir, string share, string decisions)
    {
        string report = Path.Combine(dir.Path, "review.csv");
        var result = Ps.Run(Profile +
            $"$rows = @(Find-PersonalData -Path '{share}' -Subject $s)\n" +
            "foreach ($r in $rows) { switch -Wildcard ($r.ItemId) {\n" + decisions + "\n} }\n" +
            $"$rows | Export-PersonalDataReport -Path '{report}'");
        Assert.Null(result.Terminating);
        return report;
    }

    [Fact]
    public void Every_row_marked_keep_removes_nothing_and_says_so_in_results_and_audit()
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string audit = Path.Combine(dir.Path, "audit.log");
        int before = FileCount(share);
        string report = ReviewedReport(dir, share, "'*' { $r.Decision = 'Keep' }");

        var result = Ps.Run(Profile + $"Import-PersonalDataReport -Path '{report}' | Remove-SubjectData -Subject $s -Force -AuditLogPath '{audit}'");

        Assert.Null(result.Terminating);
        Assert.Equal(before, FileCount(share));
        Assert.Equal(6, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("SkippedByDecision", o.Properties["Outcome"].Value));
        var lines = File.ReadAllLines(audit);
        Assert.Equal(6, lines.Count(l => l.Contains("\"outcome\":\"SkippedByDecision\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("\"outcome\":\"Intended\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Decisions_in_English_Danish_and_Dutch_pick_the_action_per_row_and_unknown_words_are_never_acted_on()
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string audit = Path.Combine(dir.Path, "audit.log");
        string report = ReviewedReport(dir, share,
            "'Finance*' { $r.Decision = 'Godkend' } 'HR*Personnel*' { $r.Decision = 'ANONIMISEREN' } 'HR*sick*' { $r.Decision = 'behold' }\n" +
            "'Marketing*' { $r.Decision = 'slet' } 'Sales*' { $r.Decision = 'misschien' } 'Support*' { $r.Decision = '' }");
        var result = Ps.Run(Profile + $"Import-PersonalDataReport -Path '{report}' | Remove-SubjectData -Subject $s -Force -AuditLogPath '{audit}'");

        Assert.Null(result.Terminating);
        var outcomes = result.Output.ToDictionary(o => (string)o.Properties["ItemId"].Value, o => ((string)o.Properties["Outcome"].Value, (string)o.Properties["Mode"].Value));
        var ids = new[] { "Finance", "HR/Personnel", "HR/sick", "Marketing", "Sales", "Support" }
            .Select(prefix => outcomes.Keys.Single(k => k.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))).ToArray();
        Assert.Equal(6, outcomes.Count);
        Assert.Equal(("Removed", "Delete"), outcomes[ids[0]]);
        Assert.Equal(("Redacted", "Redact"), outcomes[ids[1]]);
        Assert.Equal("SkippedByDecision", outcomes[ids[2]].Item1);
        Assert.Equal(("Removed", "Delete"), outcomes[ids[3]]);
        Assert.Equal("SkippedByDecision", outcomes[ids[4]].Item1);
        Assert.Equal("SkippedUndecided", outcomes[ids[5]].Item1);
        Assert.True(File.Exists(Path.Combine(share, ids[1])));
        Assert.DoesNotContain("Østergaard", File.ReadAllText(Path.Combine(share, ids[1])), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(share, ids[2])) && File.Exists(Path.Combine(share, ids[4])) && File.Exists(Path.Combine(share, ids[5])));
        Assert.Contains(result.Warnings, w => w.Contains("1 row(s) had a Decision GdprOps does not recognise", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("misschien", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_decision_from_a_report_is_acted_on_only_with_IncludeUndecided()
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string report = ReviewedReport(dir, share, "'*' { }");
        // Rows as Import-Csv or Select-Object give them: property bags, not GdprOps objects.
        string call = Profile + $"Import-PersonalDataReport -Path '{report}' | ForEach-Object {{ $h = [ordered]@{{}}; foreach ($p in $_.PSObject.Properties) {{ $h[$p.Name] = $p.Value }}; [pscustomobject]$h }} | " +
            $"Remove-SubjectData -Subject $s -Force -IncludeLowConfidence -AuditLogPath '{Path.Combine(dir.Path, "a.log")}'";

        var undecided = Ps.Run(call);
        Assert.Null(undecided.Terminating);
        Assert.All(undecided.Output, o => Assert.Equal("SkippedUndecided", o.Properties["Outcome"].Value));
        Assert.Equal(7, FileCount(share));

        var included = Ps.Run(call + " -IncludeUndecided");
        Assert.Null(included.Terminating);
        Assert.Equal(6, included.Output.Count(o => (string)o.Properties["Outcome"].Value == "Removed"));
        Assert.Equal(1, FileCount(share));
    }

    [Fact]
    public void Import_warns_about_unknown_decisions_with_their_line_numbers_and_count_them_as_not_approved()
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string report = ReviewedReport(dir, share, "'Finance*' { $r.Decision = 'ja' } 'Marketing*' { $r.Decision = 'kanske' } 'Sales*' { $r.Decision = 'perhaps' } 'Support*' { $r.Decision = 'Goedkeuren' }");
        var lines = File.ReadAllLines(report);
        int Line(string part) => Array.FindIndex(lines, l => l.Contains(part, StringComparison.Ordinal)) + 1;

        var result = Ps.Run($"Import-PersonalDataReport -Path '{report}' -ApprovedOnly");

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Output.Count);
        var warning = Assert.Single(result.Warnings, w => w.Contains("Decision GdprOps does not recognise", StringComparison.Ordinal));
        Assert.Contains("2 row(s)", warning, StringComparison.Ordinal);
        var expected = new[] { Line("newsletter-list.html"), Line("crm-export.json") }.OrderBy(l => l);
        Assert.Contains("line(s) " + string.Join(", ", expected), warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_Excel_saved_as_Windows_1252_removes_exactly_the_two_approved_files()
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string audit = Path.Combine(dir.Path, "audit.log");
        string report = ReviewedReport(dir, share, "'Finance*' { $r.Decision = 'yes' } 'Marketing*' { $r.Decision = 'approve' }");
        string pdf = Directory.GetFiles(share, "*.pdf", SearchOption.AllDirectories).Single();
        Assert.Contains("Ø", pdf, StringComparison.Ordinal);
        // What Excel writes for "CSV (comma delimited)" on a western Windows: Windows-1252, no byte order mark.
        string text = File.ReadAllText(report, Encoding.UTF8);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(report, Encoding.GetEncoding(1252).GetBytes(text));
        int before = FileCount(share);

        var result = Ps.Run(Profile + $"Import-PersonalDataReport -Path '{report}' -ApprovedOnly | Remove-SubjectData -Subject $s -Force -AuditLogPath '{audit}'");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("read as windows-1252", StringComparison.Ordinal));
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Removed", o.Properties["Outcome"].Value));
        Assert.False(File.Exists(pdf));
        Assert.Equal(before - 2, FileCount(share));
        Assert.True((bool)Assert.Single(Ps.Run($"Test-GdprAuditLog -Path '{audit}'").Output).Properties["Valid"].Value);
    }

    [Fact]
    public void A_path_garbled_by_the_wrong_encoding_is_Failed_never_AlreadyGone()
    {
        using var dir = new TempFolder();
        string share = RemovalTests.CopySampleShare(dir);
        string report = ReviewedReport(dir, share, "'Finance*' { $r.Decision = 'yes' }");
        string pdf = Directory.GetFiles(share, "*.pdf", SearchOption.AllDirectories).Single();
        string text = File.ReadAllText(report, Encoding.UTF8);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(report, Encoding.GetEncoding(1252).GetBytes(text));

        // Forced to read the Windows-1252 file as UTF-8, Ø becomes U+FFFD and the path names no file.
        var result = Ps.Run(Profile + $"Import-PersonalDataReport -Path '{report}' -ApprovedOnly -Encoding utf-8 | Remove-SubjectData -Subject $s -Force -AuditLogPath '{Path.Combine(dir.Path, "a.log")}'");

        Assert.Null(result.Terminating);
        var outcome = Assert.Single(result.Output);
        Assert.Equal("Failed", outcome.Properties["Outcome"].Value);
        Assert.Contains("U+FFFD", (string)outcome.Properties["Detail"].Value, StringComparison.Ordinal);
        Assert.True(File.Exists(pdf));
    }
}
