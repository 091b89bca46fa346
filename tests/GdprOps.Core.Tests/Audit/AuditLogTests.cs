using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Audit;

public sealed class AuditLogTests
{
    private static AuditEntry Entry(string caseId, params string[] identifiers) => new()
    {
        Action = "Export",
        Command = "Export-SubjectData",
        CaseId = caseId,
        SignedInAs = "app-1",
        SubjectIdentifiers = identifiers,
        Scope = "mailbox anna@contoso.example",
        Counts = new Dictionary<string, long> { ["items"] = 3, ["bytes"] = 1024, ["failed"] = 0 },
        Outcome = "Succeeded",
    };

    [Fact]
    public void Entries_chain_and_read_back_without_the_identifiers()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit", "audit.log"));
        Assert.Equal(1, log.Append(Entry("DSAR-1", "soeren.oestergaard@nordlys.example", "0101901234")));
        Assert.Equal(2, log.Append(Entry("DSAR-2", "anna@contoso.example")));
        Assert.Equal(3, log.Append(Entry("DSAR-1", "0101901234", "SOEREN.OESTERGAARD@nordlys.example")));

        var verification = log.Verify();
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(3, verification.Entries);

        var records = log.Read();
        Assert.Equal(new long[] { 1, 2, 3 }, records.Select(r => r.Sequence));
        Assert.Equal("Export-SubjectData", records[0].Command);
        Assert.Equal("items=3;bytes=1024;failed=0", records[0].Counts);
        Assert.Equal(Environment.MachineName, records[0].Machine);
        Assert.False(string.IsNullOrEmpty(records[0].OsUser));
        // The same person (any order, any case) hashes the same; another person differently.
        Assert.Equal(records[0].SubjectHash, records[2].SubjectHash);
        Assert.NotEqual(records[0].SubjectHash, records[1].SubjectHash);
        Assert.Equal(records[0].SubjectHash, log.SubjectHashFor(new[] { "0101901234", "soeren.oestergaard@nordlys.example" }));
        string text = File.ReadAllText(log.Path);
        Assert.DoesNotContain("oestergaard", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0101901234", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The counts are written whatever dictionary the caller built them in, in its order, exactly as a Dictionary's: the
    /// JSON metadata is generated per type at build time (no reflection, as in the native build), and an unlisted type
    /// would throw after the action it records.
    /// </summary>
    [Fact]
    public void Counts_in_any_read_only_dictionary_are_written_as_counts()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        var sorted = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["removed"] = 2, ["failed"] = 1, ["refused"] = 0 };
        var wrapped = new System.Collections.ObjectModel.ReadOnlyDictionary<string, long>(new Dictionary<string, long> { ["items"] = 7, ["bytes"] = 9000 });
        log.Append(new AuditEntry { Action = "Remove", Command = "gdprops remove", Counts = sorted, Outcome = "Failed" });
        log.Append(new AuditEntry { Action = "Export", Command = "gdprops export", Counts = wrapped, Outcome = "Succeeded" });

        var lines = File.ReadAllLines(log.Path);
        Assert.Contains("\"counts\":{\"failed\":1,\"refused\":0,\"removed\":2}", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"counts\":{\"items\":7,\"bytes\":9000}", lines[2], StringComparison.Ordinal);
        Assert.Equal(new[] { "failed=1;refused=0;removed=2", "items=7;bytes=9000" }, log.Read().Select(r => r.Counts));
        Assert.True(log.Verify().Valid);
    }

    [Fact]
    public void An_edited_line_is_named_itself()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        for (int i = 0; i < 4; i++)
        {
            log.Append(Entry("DSAR-" + i, "a@b.example"));
        }

        var lines = File.ReadAllLines(log.Path);
        lines[2] = lines[2].Replace("\"items\":3", "\"items\":30", StringComparison.Ordinal);
        File.WriteAllLines(log.Path, lines);
        var verification = log.Verify();
        Assert.False(verification.Valid);
        Assert.Equal(3, verification.FirstBrokenLine);
        Assert.Contains("Line 3 was edited", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_tail_and_an_edited_last_line_are_caught_by_the_anchor_and_the_expected_tip()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        for (int i = 0; i < 5; i++)
        {
            log.Append(Entry("DSAR-" + i, "a@b.example"));
        }

        var intact = log.Verify();
        Assert.True(intact.Valid, intact.Reason);
        Assert.True(intact.Anchored);
        string tip = intact.Tip;
        var lines = File.ReadAllLines(log.Path).ToList();

        // Cut the last two entries off: the chain that is left is perfect, only the tip can tell.
        File.WriteAllLines(log.Path, lines.Take(lines.Count - 2));
        var cut = log.Verify();
        Assert.False(cut.Valid);
        Assert.Contains("tail was cut off", cut.Reason, StringComparison.Ordinal);

        // With the anchor gone too, the tip kept elsewhere still catches it.
        File.Delete(log.AnchorPath);
        Assert.True(log.Verify().Valid);
        Assert.False(log.Verify(tip).Valid);

        // An edited last line: the chain cannot see it, the anchor can, and names the line.
        File.WriteAllLines(log.Path, lines);
        File.WriteAllText(log.AnchorPath, "{\"seq\":5,\"hash\":\"" + tip.Split(':')[1] + "\"}");
        Assert.True(log.Verify().Valid);
        lines[^1] = lines[^1].Replace("DSAR-4", "DSAR-X", StringComparison.Ordinal);
        File.WriteAllLines(log.Path, lines);
        var edited = log.Verify();
        Assert.False(edited.Valid);
        Assert.Equal(6, edited.FirstBrokenLine);
        Assert.False(log.Verify(tip).Valid);
    }

    [Fact]
    public void Reading_a_torn_log_is_a_clear_error_and_reading_or_testing_creates_no_folders()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        log.Append(Entry("DSAR-1"));
        File.AppendAllText(log.Path, "{\"type\":\"entry\",\"se");
        var error = Assert.Throws<GdprOpsException>(() => log.Read());
        Assert.Equal(ErrorIds.AuditLogInvalid, error.ErrorId);
        Assert.Contains("Line 3", error.Message, StringComparison.Ordinal);

        string nowhere = Path.Combine(dir.Path, "no", "such", "folder", "audit.log");
        Assert.Empty(new AuditLog(nowhere).Read());
        Assert.False(new AuditLog(nowhere).Verify().Valid);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "no")));
    }

    [Fact]
    public void Appends_continue_the_numbering_from_the_last_line_after_a_very_long_one()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        log.Append(Entry("DSAR-0"));
        // A line longer than the block the tail is read in.
        log.Append(new AuditEntry { Action = "Export", Command = "test", Scope = new string('x', 200_000), Outcome = "Succeeded" });
        Assert.Equal(3, log.Append(Entry("DSAR-1")));
        Assert.True(log.Verify().Valid);
    }

    [Fact]
    public void A_deleted_line_is_detected()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        for (int i = 0; i < 4; i++)
        {
            log.Append(Entry("DSAR-" + i));
        }

        var lines = File.ReadAllLines(log.Path).ToList();
        lines.RemoveAt(2);
        File.WriteAllLines(log.Path, lines);
        var verification = log.Verify();
        Assert.False(verification.Valid);
        Assert.Equal(3, verification.FirstBrokenLine);
    }

    [Fact]
    public void A_torn_last_write_stops_appends_and_fails_verification()
    {
        using var dir = new TempFolder();
        var log = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        log.Append(Entry("DSAR-1"));
        File.AppendAllText(log.Path, "{\"type\":\"entry\",\"seq\":2,\"ti");
        var refused = Assert.Throws<GdprOpsException>(() => log.Append(Entry("DSAR-2")));
        Assert.Equal(ErrorIds.AuditLogInvalid, refused.ErrorId);
        Assert.Equal(3, log.Verify().FirstBrokenLine);
    }

    [Fact]
    public async Task Concurrent_appenders_keep_one_unbroken_chain()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "audit.log");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var log = new AuditLog(path);
            for (int i = 0; i < 25; i++)
            {
                log.Append(Entry($"W{worker}-{i}"));
            }
        })));

        var verification = new AuditLog(path).Verify();
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(100, verification.Entries);
    }

    [Fact]
    public void A_missing_or_foreign_file_is_not_valid()
    {
        using var dir = new TempFolder();
        Assert.False(new AuditLog(Path.Combine(dir.Path, "none.log")).Verify().Valid);
        string foreign = Path.Combine(dir.Path, "foreign.log");
        File.WriteAllText(foreign, "{\"hello\":1}\n");
        var verification = new AuditLog(foreign).Verify();
        Assert.False(verification.Valid);
        Assert.Equal(1, verification.FirstBrokenLine);
    }
}
