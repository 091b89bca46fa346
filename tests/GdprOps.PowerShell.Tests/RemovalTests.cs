using System;
using System.IO;
using System.Linq;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.PowerShell.Tests;

public sealed class RemovalTests
{
    internal static string CopySampleShare(TempFolder dir)
    {
        string share = Path.Combine(dir.Path, "share");
        foreach (string file in Directory.GetFiles(Repo.SampleShare, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(share, Path.GetRelativePath(Repo.SampleShare, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return share;
    }

    [Fact]
    public void WhatIf_removes_nothing_and_audits_nothing()
    {
        using var dir = new TempFolder();
        string share = CopySampleShare(dir);
        int before = Directory.GetFiles(share, "*", SearchOption.AllDirectories).Length;
        string audit = Path.Combine(dir.Path, "audit.log");
        var result = Ps.Run($"$s = New-SubjectProfile -Path ./samples/subject.json\nFind-PersonalData -Path '{share}' -Subject $s | Remove-SubjectData -Subject $s -AuditLogPath '{audit}' -WhatIf");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(before, Directory.GetFiles(share, "*", SearchOption.AllDirectories).Length);
        Assert.False(File.Exists(audit));
    }

    [Fact]
    public void The_reviewed_report_removes_exactly_the_approved_rows_and_a_redirected_row_is_skipped()
    {
        using var dir = new TempFolder();
        string share = CopySampleShare(dir);
        string report = Path.Combine(dir.Path, "review.csv");
        string audit = Path.Combine(dir.Path, "audit.log");
        string stranger = Path.Combine(share, "stranger.txt");
        File.WriteAllText(stranger, "Notes about Jan Jansen only.");
        int before = Directory.GetFiles(share, "*", SearchOption.AllDirectories).Length;
        var result = Ps.Run(
            "$s = New-SubjectProfile -Path ./samples/subject.json\n" +
            $"Find-PersonalData -Path '{share}' -Subject $s | Export-PersonalDataReport -Path '{report}'\n" +
            // The DPO approves two rows; someone edits a third approved row to point at a stranger's file.
            $"$rows = @(Import-PersonalDataReport -Path '{report}')\n" +
            "$rows[0].Decision = 'approve'; $rows[1].Decision = 'yes'\n" +
            $"$rows[2].Decision = 'delete'; $rows[2].ItemUri = '{stranger}'; $rows[2].ItemId = 'stranger.txt'; $rows[2].ItemName = 'stranger.txt'\n" +
            $"$rows[2].Version = '{new FileInfo(stranger).Length}@' + [System.IO.File]::GetLastWriteTimeUtc('{stranger}').ToString('o')\n" +
            $"$rows | Export-PersonalDataReport -Path '{report}'\n" +
            $"Import-PersonalDataReport -Path '{report}' -ApprovedOnly | Remove-SubjectData -Subject $s -Force -AuditLogPath '{audit}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var outcomes = result.Output.Select(o => (Uri: (string)o.Properties["ItemUri"].Value, Outcome: (string)o.Properties["Outcome"].Value)).ToList();
        Assert.Equal(3, outcomes.Count);
        Assert.Equal(2, outcomes.Count(o => o.Outcome == "Removed"));
        Assert.Equal("SkippedNoLongerMatches", outcomes.Single(o => o.Uri == stranger).Outcome);
        Assert.True(File.Exists(stranger));
        Assert.All(outcomes.Where(o => o.Outcome == "Removed"), o => Assert.False(File.Exists(o.Uri)));
        Assert.Equal(before - 2, Directory.GetFiles(share, "*", SearchOption.AllDirectories).Length);
        // A start line, then per item its outcome, announced by an intent line before each removal.
        var lines = File.ReadAllLines(audit).Skip(1).ToList();
        Assert.Equal(1, lines.Count(l => l.Contains("\"action\":\"RemovalStarted\"", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.Contains("\"outcome\":\"Intended\"", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.Contains("\"action\":\"Removal\"", StringComparison.Ordinal) && !l.Contains("Intended", StringComparison.Ordinal)));
    }

    [Fact]
    public void Verify_reports_what_is_left_after_removal()
    {
        using var dir = new TempFolder();
        string share = CopySampleShare(dir);
        var result = Ps.Run(
            "$s = New-SubjectProfile -Path ./samples/subject.json\n" +
            $"$all = @(Find-PersonalData -Path '{share}' -Subject $s)\n" +
            $"$all[0..1] | Remove-SubjectData -Subject $s -Force -IncludeLowConfidence -Verify -AuditLogPath '{Path.Combine(dir.Path, "a.log")}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var removed = result.Output.Where(o => o.TypeNames[0] == "GdprOps.RemovalResult").ToList();
        var left = result.Output.Where(o => o.TypeNames[0] == "GdprOps.Finding").ToList();
        Assert.Equal(2, removed.Count(o => (string)o.Properties["Outcome"].Value == "Removed"));
        Assert.Equal(4, left.Count);
    }

    [Fact]
    public void Removal_results_export_as_the_erasure_record()
    {
        using var dir = new TempFolder();
        string share = CopySampleShare(dir);
        string record = Path.Combine(dir.Path, "erasure.csv");
        var result = Ps.Run(
            "$s = New-SubjectProfile -Path ./samples/subject.json\n" +
            $"Find-PersonalData -Path '{share}' -Subject $s | Remove-SubjectData -Subject $s -Force -IncludeLowConfidence -AuditLogPath '{Path.Combine(dir.Path, "a.log")}' | Export-PersonalDataReport -Path '{record}'\n" +
            $"Import-PersonalDataReport -Path '{record}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(6, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Removed", (string)o.Properties["Decision"].Value));
        Assert.All(result.Output, o => Assert.StartsWith("Delete: File deleted", (string)o.Properties["StatusReason"].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Confirm_asks_once_per_item_and_yes_to_all_stops_the_questions()
    {
        using var dir = new TempFolder();
        string share = CopySampleShare(dir);
        var host = new ScriptedHost("Yes", "No", "Yes to All");
        var result = Ps.Run(
            "$s = New-SubjectProfile -Path ./samples/subject.json\n" +
            $"Find-PersonalData -Path '{share}' -Subject $s | Remove-SubjectData -Subject $s -IncludeLowConfidence -AuditLogPath '{Path.Combine(dir.Path, "a.log")}'", host: host);
        Assert.Null(result.Terminating);
        Assert.Equal(3, host.Prompts.Count);
        Assert.All(host.Prompts, p => Assert.Contains("FileShare item", p, StringComparison.Ordinal));
        // Six items: the second was declined, Yes to All covered the rest without asking again.
        Assert.Equal(5, result.Output.Count(o => (string)o.Properties["Outcome"].Value == "Removed"));
        string declined = host.Prompts[1];
        int start = declined.IndexOf("FileShare item ", StringComparison.Ordinal) + "FileShare item ".Length;
        string declinedPath = declined.Substring(start, declined.IndexOf('"', start) - start);
        Assert.True(File.Exists(declinedPath), declinedPath);
    }

    [Fact]
    public void Subject_is_required()
    {
        var result = Ps.Run("try { Find-PersonalData -Path ./samples/share -Email a@b.example | Remove-SubjectData -Force -ErrorAction Stop } catch { $_ }");
        Assert.Contains("Subject", result.Caught().Exception.Message, StringComparison.Ordinal);
    }
}
