using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Removal;

/// <summary>
/// Report rows written by an attacker or a clumsy admin: nothing but a row's identity is trusted, nothing outside
/// the row's share is touched, links and special files are never acted on, and nothing is done unrecorded.
/// </summary>
public sealed class HostileRowTests
{
    private static readonly SubjectProfile Subject = new SubjectProfileBuilder { CaseId = "DSAR-9" }
        .AddNames(new[] { "Søren Aabye Østergaard" }).AddEmails(new[] { "soeren.oestergaard@nordlys.example" }).Build();

    private static Finding RowFor(string share, string itemId, string itemUri, string? itemName = null, string? version = null) => new()
    {
        SourceKind = SourceKind.FileShare,
        Source = share,
        ItemId = itemId,
        ItemName = itemName ?? Path.GetFileName(itemUri),
        ItemUri = itemUri,
        Version = version ?? (File.Exists(itemUri) ? FileSystemSource.VersionOf(new FileInfo(itemUri)) : "1@2026-01-01T00:00:00.0000000Z"),
        Status = ScanStatus.Scanned,
        SubjectMatches = "Name",
        Confidence = Confidence.High,
        CaseId = "DSAR-9",
    };

    private static async Task<RemovalResult> RemoveOne(Finding row, string audit, RemovalMode mode = RemovalMode.Delete)
    {
        var results = await new SubjectRemover(new RemovalOptions(Subject) { Mode = mode, AuditLog = new AuditLog(audit) }, new SourceItemRemover(null), new RecordingHost())
            .RunAsync(new[] { row }, CancellationToken.None);
        return Assert.Single(results);
    }

    [Fact]
    public async Task A_forged_row_naming_the_subject_in_ItemName_cannot_erase_an_unrelated_file()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string unrelated = dir.File("share/board-minutes.txt", "Minutes of the board meeting. Nothing personal here.");
        // The forger copies the real version from stat and puts the subject's name where the re-check used to look.
        var row = RowFor(share, "board-minutes.txt", unrelated, itemName: "Søren Aabye Østergaard.txt");

        foreach (var mode in new[] { RemovalMode.Delete, RemovalMode.Purge, RemovalMode.Redact })
        {
            var result = await RemoveOne(row, Path.Combine(dir.Path, "audit.log"), mode);
            Assert.Equal(RemovalOutcome.SkippedNoLongerMatches, result.Outcome);
        }

        Assert.True(File.Exists(unrelated));
    }

    /// <summary>
    /// A NotScanned row names something the sweep could not read (a folder it could not list, an item access was denied
    /// to): it says nothing about the subject, so no Decision makes it act, even when the file it names would pass the
    /// re-check at removal time.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("delete")]
    [InlineData("purge")]
    public async Task A_row_the_sweep_could_not_read_is_never_acted_on_whatever_its_decision(string? decision)
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string file = dir.File("share/letter.txt", "Dear Søren Aabye Østergaard, soeren.oestergaard@nordlys.example");
        var row = RowFor(share, "letter.txt", file);
        row.Status = ScanStatus.NotScanned;
        row.StatusReason = "Not read: Access to the item was denied. (FileAccessDenied)";
        row.SubjectMatches = string.Empty;
        row.Confidence = null;
        row.Decision = decision;

        var result = await RemoveOne(row, Path.Combine(dir.Path, "audit.log"));

        Assert.Equal(RemovalOutcome.SkippedNotScanned, result.Outcome);
        Assert.True(File.Exists(file));
        Assert.Contains("\"outcome\":\"SkippedNotScanned\"", File.ReadAllText(Path.Combine(dir.Path, "audit.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_real_name_mentions_the_subject_is_still_recognised()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string named = dir.File("share/Søren Aabye Østergaard.txt", "Minutes.");
        var result = await RemoveOne(RowFor(share, "Søren Aabye Østergaard.txt", named, itemName: "innocent.txt"), Path.Combine(dir.Path, "audit.log"));
        Assert.Equal(RemovalOutcome.Removed, result.Outcome);
    }

    public static TheoryData<string, string> Redirections => new()
    {
        { "outside the share", "{root}/elsewhere/victim.txt|../elsewhere/victim.txt" },
        { "dot-dot inside the path", "{root}/share/../elsewhere/victim.txt|../elsewhere/victim.txt" },
        { "ItemUri and ItemId disagree", "{root}/share/sub/../../elsewhere/victim.txt|victim.txt" },
        { "a relative ItemUri", "{relative}|victim.txt" },
    };

    [Theory]
    [MemberData(nameof(Redirections))]
    public async Task A_row_pointing_outside_its_share_is_Failed_and_nothing_is_touched(string name, string paths)
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        Directory.CreateDirectory(share);
        string victim = dir.File("elsewhere/victim.txt", "Søren Aabye Østergaard, soeren.oestergaard@nordlys.example");
        // The relative form leads to the victim from the process's current folder (which is never changed here: other
        // tests run beside this one), so resolving it against the current folder would hit the victim.
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), victim);
        string[] parts = paths.Replace("{root}", dir.Path, StringComparison.Ordinal).Replace("{relative}", relative, StringComparison.Ordinal).Split('|');
        var result = await RemoveOne(RowFor(share, parts[1], parts[0], version: FileSystemSource.VersionOf(new FileInfo(victim))), Path.Combine(dir.Path, "audit.log"));
        Assert.True(result.Outcome == RemovalOutcome.Failed, name + ": " + result.Outcome + " " + result.Detail);
        Assert.True(File.Exists(victim), name);
    }

    [Fact]
    public async Task A_symlink_in_the_share_is_never_removed_or_rewritten_and_its_target_is_untouched()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        Directory.CreateDirectory(share);
        string target = dir.File("outside/secret.txt", "Søren Aabye Østergaard, soeren.oestergaard@nordlys.example");
        string link = Path.Combine(share, "looks-innocent.txt");
        File.CreateSymbolicLink(link, target);
        string audit = Path.Combine(dir.Path, "audit.log");

        foreach (var mode in new[] { RemovalMode.Delete, RemovalMode.Redact })
        {
            var result = await RemoveOne(RowFor(share, "looks-innocent.txt", link, version: FileSystemSource.VersionOf(new FileInfo(link))), audit, mode);
            Assert.Equal(RemovalOutcome.Failed, result.Outcome);
            Assert.Contains("symbolic link", result.Detail, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(link) && new FileInfo(link).LinkTarget is not null);
        Assert.Equal("Søren Aabye Østergaard, soeren.oestergaard@nordlys.example", File.ReadAllText(target));
    }

    [Fact]
    public async Task A_linked_folder_on_the_way_to_the_item_is_refused()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        Directory.CreateDirectory(share);
        string victim = dir.File("outside/victim.txt", "Søren Aabye Østergaard");
        Directory.CreateSymbolicLink(Path.Combine(share, "linked"), Path.Combine(dir.Path, "outside"));
        string viaLink = Path.Combine(share, "linked", "victim.txt");

        var result = await RemoveOne(RowFor(share, Path.Combine("linked", "victim.txt"), viaLink), Path.Combine(dir.Path, "audit.log"));

        Assert.Equal(RemovalOutcome.Failed, result.Outcome);
        Assert.True(File.Exists(victim));
    }

    [Fact]
    public async Task A_FIFO_is_reported_at_once_by_the_sweep_and_refused_by_removal()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        dir.File("share/a.txt", "Søren Aabye Østergaard");
        string fifo = Path.Combine(share, "pipe.txt");
        Assert.Equal(0, MakeFifo(fifo, Convert.ToUInt32("644", 8)));

        var host = new RecordingHost();
        var sweep = new PersonalDataSweep(new SweepOptions(Subject, new[] { new FileSystemSource(share, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);
        Assert.Same(sweep, await Task.WhenAny(sweep, Task.Delay(TimeSpan.FromSeconds(20))));
        var notScanned = Assert.Single(host.Findings, f => f.ItemId == "pipe.txt");
        Assert.Equal(ScanStatus.NotScanned, notScanned.Status);
        Assert.Contains("FIFO", notScanned.StatusReason, StringComparison.Ordinal);
        Assert.Single(host.Findings, f => f.ItemId == "a.txt" && f.Status == ScanStatus.Scanned);

        var removal = RemoveOne(RowFor(share, "pipe.txt", fifo, version: "0@" + File.GetLastWriteTimeUtc(fifo).ToString("o", System.Globalization.CultureInfo.InvariantCulture)), Path.Combine(dir.Path, "audit.log"));
        Assert.Same(removal, await Task.WhenAny(removal, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(RemovalOutcome.Failed, (await removal).Outcome);
        Assert.True(File.Exists(fifo));
    }

    public static TheoryData<string> UnwritableLogs => new() { "torn last line", "a folder", "no permission" };

    [Theory]
    [MemberData(nameof(UnwritableLogs))]
    public async Task An_audit_log_that_cannot_take_a_line_stops_the_run_before_anything_is_removed(string how)
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        var files = Enumerable.Range(0, 20).Select(i => dir.File($"share/f{i}.txt", "Søren Aabye Østergaard " + i)).ToList();
        string audit = Path.Combine(dir.Path, "audit.log");
        switch (how)
        {
            case "torn last line":
                new AuditLog(audit).Append(new AuditEntry { Action = "Export", Command = "test", Outcome = "Succeeded" });
                File.AppendAllText(audit, "{\"type\":\"entry\",\"seq\":2,\"act");
                break;
            case "a folder":
                Directory.CreateDirectory(audit);
                break;
            default:
                if (OperatingSystem.IsWindows() || Environment.UserName == "root")
                {
                    // root ignores file modes: make the log's folder a file instead, which nobody can write into.
                    audit = Path.Combine(dir.File("not-a-folder", "x"), "audit.log");
                }
                else
                {
                    File.WriteAllText(audit, string.Empty);
                    File.SetUnixFileMode(audit, UnixFileMode.UserRead);
                }

                break;
        }

        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Subject, new[] { new FileSystemSource(share, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);
        var findings = host.Findings.ToList();
        Assert.Equal(20, findings.Count);

        var error = await Assert.ThrowsAsync<GdprOpsException>(() =>
            new SubjectRemover(new RemovalOptions(Subject) { AuditLog = new AuditLog(audit) }, new SourceItemRemover(null), new RecordingHost()).RunAsync(findings, CancellationToken.None));

        Assert.True(error.ErrorId is ErrorIds.AuditLogWriteFailed or ErrorIds.AuditLogInvalid, error.ErrorId);
        Assert.All(files, f => Assert.True(File.Exists(f)));
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
