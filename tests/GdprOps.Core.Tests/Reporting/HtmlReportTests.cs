using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Cases;
using GdprOps.Model;
using GdprOps.Reporting;
using GdprOps.Sources.FileSystem;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Reporting;

public sealed class HtmlReportTests
{
    private static Dictionary<string, string> Metrics(string html) =>
        Regex.Matches(html, "data-metric=\"([^\"]+)\">([^<]*)<").GroupBy(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value);

    private static Dictionary<string, int> Bars(string html, string kind) =>
        Regex.Matches(html, "<g data-" + kind + "=\"([^\"]+)\" data-items=\"(\\d+)\"").ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_discovery_map_shows_exactly_the_sweeps_numbers_and_needs_nothing_from_elsewhere()
    {
        var findings = await SampleShare.FindingsAsync(null);
        string html = HtmlReport.Discovery(findings, generated: new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        var metrics = Metrics(html);
        var withData = findings.Where(f => f.Status != ScanStatus.NotScanned && f.Categories.Length > 0).ToList();
        Assert.Equal(findings.Count.ToString(), metrics["findings"]);
        Assert.Equal(withData.Count.ToString(), metrics["items"]);
        Assert.Equal(withData.Select(f => f.Location).Distinct().Count().ToString(), metrics["locations"]);
        Assert.Equal(withData.Count(f => f.Categories.Contains("ART9_", StringComparison.Ordinal)).ToString(), metrics["specialItems"]);
        Assert.Equal(findings.Count(f => f.Status == ScanStatus.NotScanned).ToString(), metrics["notRead"]);

        var perCategory = withData.SelectMany(f => f.Categories.Split(';')).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(perCategory.OrderBy(p => p.Key), Bars(html, "category").OrderBy(p => p.Key));
        foreach (var finding in withData)
        {
            foreach (string category in finding.Categories.Split(';'))
            {
                Assert.Equal(withData.Count(f => f.Location == finding.Location && f.Categories.Split(';').Contains(category)).ToString(), metrics[$"cell:{category}@{finding.Location}"]);
            }
        }

        Assert.DoesNotMatch("<script|<link|<img|<iframe|@import|url\\(|src=", html);
        Assert.DoesNotContain("@nordlys", html, StringComparison.Ordinal); // categories, places and counts: never a value
    }

    [Fact]
    public void Hostile_names_are_text_never_markup_and_unread_items_are_counted_by_reason()
    {
        var findings = new List<Finding>
        {
            new() { SourceKind = SourceKind.FileShare, Source = "\\\\fs<script>alert(1)</script>", Location = "\"><img src=x onerror=alert(2)>", ItemId = "a", Categories = "EMAIL;ART9_HEALTH", Confidence = Confidence.Medium, Status = ScanStatus.Scanned },
            new() { SourceKind = SourceKind.FileShare, Source = "\\\\fs2", Location = "x", ItemId = "b", Status = ScanStatus.NotScanned, StatusReason = "Type not read: .bin" },
            new() { SourceKind = SourceKind.FileShare, Source = "\\\\fs2", Location = "x", ItemId = "c", Status = ScanStatus.NotScanned, StatusReason = "Type not read: .bin" },
            new() { SourceKind = SourceKind.FileShare, Source = "\\\\fs2", Location = "x", ItemId = "d", Status = ScanStatus.Partial, StatusReason = "Zip bomb: stopped at 1 GB", Categories = "PHONE", Confidence = Confidence.Medium },
        };
        string html = HtmlReport.Discovery(findings);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        var metrics = Metrics(html);
        Assert.Equal("2", metrics["notRead"]);
        Assert.Equal("1", metrics["partial"]);
        Assert.Equal("2", metrics["unread:Type not read: .bin"]);
        Assert.Equal("1", metrics["unread:Zip bomb: stopped at 1 GB"]);
        Assert.Equal("1", metrics["specialItems"]);
    }

    [Fact]
    public void The_retention_page_sums_the_latest_run_and_charts_the_trend_across_runs()
    {
        var first = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var second = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        GdprOps.Retention.MailboxRetentionResult Row(DateTimeOffset cutoff, string mailbox, string folder, int over, long bytes) =>
            new() { Mailbox = mailbox, Folder = folder, MessageCount = 100, ViolationCount = over, ViolationSizeBytes = bytes, Cutoff = cutoff, OldestItem = over > 0 ? cutoff.AddDays(-40) : null };
        var rows = new[]
        {
            Row(first, "anna@contoso.com", "inbox", 7, 7 << 20), Row(first, "bo@contoso.com", "sentitems", 3, 1 << 20),
            Row(second, "anna@contoso.com", "inbox", 2, 2 << 20), Row(second, "anna@contoso.com", "sentitems", 0, 0), Row(second, "bo@contoso.com", "sentitems", 0, 0),
        };
        string html = HtmlReport.MailboxRetention(rows);
        var metrics = Metrics(html);
        Assert.Equal(("2", "3", "1", "1", "2", "2.0"), (metrics["mailboxes"], metrics["folders"], metrics["nonCompliantFolders"], metrics["nonCompliantMailboxes"], metrics["violations"], metrics["megabytes"]));
        Assert.Equal(new Dictionary<string, int> { ["2026-05-01"] = 10, ["2026-06-01"] = 2 }, Bars(html, "run"));
        Assert.Equal(new Dictionary<string, int> { ["anna@contoso.com"] = 2 }, Bars(html, "mailbox"));
        Assert.Equal("2", metrics["over:anna@contoso.com/inbox"]);
    }

    [Fact]
    public void A_case_report_shows_its_deadline_and_the_audit_timeline_with_failures_marked()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(System.IO.Path.Combine(dir.Path, "audit.log"));
        log.Append(new AuditEntry { Action = "Sweep", Command = "Find-PersonalData", CaseId = "C-1", Outcome = "Succeeded", Counts = new Dictionary<string, long> { ["findings"] = 6 } });
        log.Append(new AuditEntry { Action = "Export", Command = "Export-SubjectData", CaseId = "C-1", Outcome = "CompletedWithErrors" });
        log.Append(new AuditEntry { Action = "Export", Command = "Export-SubjectData", CaseId = "OTHER", Outcome = "Succeeded" });
        var value = new GdprCase { CaseId = "C-1", Type = CaseType.Access, Received = new DateTime(2026, 11, 10), Status = CaseStatus.Open };
        string html = HtmlReport.Case(CaseStatusReport.For(value, new DateTime(2026, 11, 30), log.Read()), today: new DateTime(2026, 11, 30));
        var metrics = Metrics(html);
        Assert.Equal(("2026-12-10", "10", "1", "1", "0"), (metrics["due"], metrics["daysLeft"], metrics["sweeps"], metrics["exports"], metrics["removals"]));
        Assert.Equal(2, Regex.Matches(html, "<g data-action=").Count);
        Assert.Contains("<tr class=\"special\"><td>", html, StringComparison.Ordinal); // the export with errors
        Assert.Contains("findings=6", html, StringComparison.Ordinal);
    }
}
