using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Removal;

public sealed class FileRemovalTests
{
    private static readonly SubjectProfile Subject = new SubjectProfileBuilder { CaseId = "DSAR-7" }
        .AddNames(new[] { "Søren Aabye Østergaard" }).AddEmails(new[] { "soeren.oestergaard@nordlys.example" }).Build();

    private static async Task<List<Finding>> Sweep(string root)
    {
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Subject, new[] { new FileSystemSource(root, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);
        return host.Findings.ToList();
    }

    private static async Task<(List<RemovalResult> Results, RecordingHost Host)> Remove(IEnumerable<Finding> findings, RemovalMode mode, string audit, CancellationToken cancellationToken = default)
    {
        var host = new RecordingHost();
        var results = await new SubjectRemover(new RemovalOptions(Subject) { Mode = mode, AuditLog = new AuditLog(audit) }, new SourceItemRemover(null), host).RunAsync(findings.ToList(), cancellationToken);
        return (results.ToList(), host);
    }

    [Fact]
    public async Task Delete_removes_verified_items_once_and_skips_changed_and_foreign_ones()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        dir.File("share/a.txt", "Note about Søren Aabye Østergaard.");
        dir.File("share/b.txt", "Mail soeren.oestergaard@nordlys.example about the invoice.");
        string other = dir.File("share/other.txt", "Lunch with Jan Jansen.");
        string audit = Path.Combine(dir.Path, "audit.log");
        var findings = await Sweep(share);
        Assert.Equal(2, findings.Count);

        // b.txt changes after the sweep; a forged row points at someone else's file with its real version.
        File.AppendAllText(Path.Combine(share, "b.txt"), " Updated.");
        var forged = new Finding
        {
            SourceKind = SourceKind.FileShare, Source = share, ItemId = "other.txt", ItemName = "other.txt", ItemUri = other,
            Version = FileSystemSource.VersionOf(new FileInfo(other)), Status = ScanStatus.Scanned, SubjectMatches = "Name", CaseId = "DSAR-7",
        };

        var (results, host) = await Remove(findings.Append(forged), RemovalMode.Delete, audit);
        Assert.Equal(RemovalOutcome.Removed, results.Single(r => r.ItemId == "a.txt").Outcome);
        Assert.Equal(RemovalOutcome.SkippedChanged, results.Single(r => r.ItemId == "b.txt").Outcome);
        Assert.Equal(RemovalOutcome.SkippedNoLongerMatches, results.Single(r => r.ItemId == "other.txt").Outcome);
        Assert.False(File.Exists(Path.Combine(share, "a.txt")));
        Assert.True(File.Exists(Path.Combine(share, "b.txt")));
        Assert.True(File.Exists(other));

        var (again, _) = await Remove(findings.Where(f => f.ItemId == "a.txt"), RemovalMode.Delete, audit);
        Assert.Equal(RemovalOutcome.AlreadyGone, Assert.Single(again).Outcome);

        var log = new AuditLog(audit);
        Assert.True(log.Verify().Valid);
        Assert.Equal(4, log.Read().Count(r => r.Action == "Removal"));
        string text = File.ReadAllText(audit);
        Assert.DoesNotContain("a.txt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("oestergaard", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("oestergaard", host.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redact_keeps_every_other_row_byte_for_byte()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string csvPath = dir.File("share/customers.csv", "name,email,city\r\nJan Jansen,jan@example.org,Utrecht\r\nSøren Aabye Østergaard,soeren.oestergaard@nordlys.example,Aarhus\r\nAnna Berg,anna@example.org,Oslo\r\n");
        byte[] before = File.ReadAllBytes(csvPath);
        var findings = await Sweep(share);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));
        var result = Assert.Single(results);
        Assert.Equal(RemovalOutcome.Redacted, result.Outcome);
        string[] lines = File.ReadAllText(csvPath).Split("\r\n");
        string[] old = System.Text.Encoding.UTF8.GetString(before).Split("\r\n");
        Assert.Equal(old[0], lines[0]);
        Assert.Equal(old[1], lines[1]);
        Assert.Equal("[REDACTED],[REDACTED],Aarhus", lines[2]);
        Assert.Equal(old[3], lines[3]);
        Assert.Empty(await Sweep(share));
    }

    [Fact]
    public async Task Redact_refuses_binary_formats_with_a_clear_reason()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        Directory.CreateDirectory(share);
        File.WriteAllBytes(Path.Combine(share, "letter.docx"), GdprOps.Testing.TestDocuments.Docx("Dear Søren Aabye Østergaard"));
        var (results, _) = await Remove(await Sweep(share), RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));
        var result = Assert.Single(results);
        Assert.Equal(RemovalOutcome.Failed, result.Outcome);
        Assert.Contains("Delete", result.Detail, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(share, "letter.docx")));
    }

    [Fact]
    public async Task Ctrl_C_leaves_finished_items_audited_and_the_rest_untouched()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        for (int i = 0; i < 6; i++)
        {
            dir.File($"share/f{i}.txt", "Søren Aabye Østergaard " + i);
        }

        var findings = await Sweep(share);
        using var cancel = new CancellationTokenSource();
        var slow = new StoppingRemover(new SourceItemRemover(null), stopAfter: 2, cancel);
        string audit = Path.Combine(dir.Path, "audit.log");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SubjectRemover(new RemovalOptions(Subject) { AuditLog = new AuditLog(audit), ThrottleLimit = 1 }, slow, new RecordingHost()).RunAsync(findings, cancel.Token));

        int remaining = Directory.GetFiles(share).Length;
        var logged = new AuditLog(audit).Read();
        Assert.Equal(6 - logged.Count(r => r.Outcome == RemovalOutcome.Removed), remaining);
        Assert.Equal(2, logged.Count);
    }

    /// <summary>Removes normally, then cancels the run after a number of removals.</summary>
    private sealed class StoppingRemover(IItemRemover inner, int stopAfter, CancellationTokenSource cancel) : IItemRemover
    {
        private int removed;

        public Task<string?> CurrentVersionAsync(Finding finding, CancellationToken cancellationToken) => inner.CurrentVersionAsync(finding, cancellationToken);

        public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) => inner.OpenAsync(finding, cancellationToken);

        public async Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await inner.RemoveAsync(finding, mode, version, cancellationToken);
            if (Interlocked.Increment(ref removed) >= stopAfter)
            {
                cancel.Cancel();
            }

            return result;
        }

        public Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken) => inner.ReplaceAsync(finding, content, version, cancellationToken);
    }
}
