using System;
using System.IO;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Cases;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Cli;

public class CaseCommandTests
{
    [Fact]
    public async Task Case_list_due_within_shows_the_cases_due_soon_and_exits_1_only_when_one_is_overdue()
    {
        using var dir = new TempFolder();
        string folder = Path.Combine(dir.Path, "cases");
        string log = Path.Combine(dir.Path, "audit.log");
        var store = new CaseStore(folder);
        var today = DateTime.Today;
        store.Create(new GdprCase { CaseId = "SOON", Type = CaseType.Access, Received = today.AddDays(-27), ResponseDays = 30 });
        store.Create(new GdprCase { CaseId = "LATER", Type = CaseType.Erasure, Received = today });
        new AuditLog(log).Append(new AuditEntry { Action = "Export", Command = "Export-SubjectData", CaseId = "SOON", Outcome = "Succeeded" });

        var (exit, output, error) = await CliTests.Run("case", "list", "--due-within", "7", "--folder", folder, "--audit-log", log);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("SOON\tAccess\tOpen", output, StringComparison.Ordinal);
        Assert.Contains("\t3\tno\tno\t0\t1\t0", output, StringComparison.Ordinal); // 3 days left, one export in its history
        Assert.DoesNotContain("LATER", output, StringComparison.Ordinal);

        store.Create(new GdprCase { CaseId = "LATE", Type = CaseType.Objection, Received = today.AddMonths(-2) });
        (exit, output, error) = await CliTests.Run("case", "list", "--due-within", "7", "--folder", folder, "--audit-log", log);
        Assert.Equal(1, exit);
        Assert.Contains("LATE\tObjection\tOpen", output, StringComparison.Ordinal);
        Assert.Contains("1 open case(s) overdue", error, StringComparison.Ordinal);

        store.Update("LATE", c => { c.Status = CaseStatus.Completed; c.CompletedOn = today; });
        (exit, _, _) = await CliTests.Run("case", "list", "--folder", folder, "--audit-log", log);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task A_subject_sweep_with_a_case_id_is_recorded_for_the_case_without_a_path_or_the_person()
    {
        using var dir = new TempFolder();
        string log = Path.Combine(dir.Path, "audit.log");
        var (exit, _, error) = await CliTests.Run("find", "--path", TestPaths.SampleShare, "--subject", TestPaths.SampleSubject, "--audit-log", log);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var sweep = Assert.Single(new AuditLog(log).Read());
        Assert.Equal(("Sweep", "DSAR-2026-0042", "gdprops find", "sources: FileSystem"), (sweep.Action, sweep.CaseId, sweep.Command, sweep.Scope));
        Assert.Contains("findings=6", sweep.Counts, StringComparison.Ordinal);
        string text = File.ReadAllText(log);
        Assert.DoesNotContain("oestergaard", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestPaths.SampleShare, text, StringComparison.Ordinal);

        // Without a case id nothing is recorded: a discovery or ad-hoc sweep is not a case's work.
        (exit, _, _) = await CliTests.Run("find", "--path", TestPaths.SampleShare, "--email", "soeren.oestergaard@nordlys.example", "--audit-log", log);
        Assert.Equal(0, exit);
        Assert.Single(new AuditLog(log).Read());
    }

    [Fact]
    public async Task A_broken_case_file_is_named_on_stderr_and_fails_the_listing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "X.json"), "not json");
        var (exit, _, error) = await CliTests.Run("case", "list", "--folder", dir.Path, "--audit-log", Path.Combine(dir.Path, "audit.log"));
        Assert.Equal(2, exit);
        Assert.Contains("X.json is not a GdprOps case", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_is_registered_followed_extended_once_and_completed_from_the_command_line_under_the_modules_rules()
    {
        using var dir = new TempFolder();
        string folder = Path.Combine(dir.Path, "cases");
        string log = Path.Combine(dir.Path, "audit.log");
        string received = DateTime.Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (exit, output, error) = await CliTests.Run("case", "new", "--type", "Erasure", "--case-id", "DSAR-CLI-1", "--received", received, "--reference", "T-77", "--folder", folder);
        Assert.True(exit == 0, error);
        Assert.Contains("CaseId:    DSAR-CLI-1", output, StringComparison.Ordinal);
        int daysLeft = (DateTime.Today.AddDays(-3).AddMonths(1) - DateTime.Today).Days; // one month from receipt (Art. 12(3))
        Assert.Contains($"Days left: {daysLeft}", output, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("case", "new", "--type", "Access", "--received", DateTime.Today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--folder", folder);
        Assert.Equal(2, exit);
        Assert.Contains("--received", error, StringComparison.Ordinal);
        Assert.Contains("is in the future", error, StringComparison.Ordinal);

        new AuditLog(log).Append(new AuditEntry { Action = "Removal", Command = "gdprops remove", CaseId = "DSAR-CLI-1", Outcome = "Succeeded" });
        (exit, output, _) = await CliTests.Run("case", "show", "DSAR-CLI-1", "--folder", folder, "--audit-log", log);
        Assert.Equal(0, exit);
        Assert.Contains("Removals: 1", output, StringComparison.Ordinal);
        Assert.Contains("gdprops remove", output, StringComparison.Ordinal);

        (exit, output, error) = await CliTests.Run("case", "set", "DSAR-CLI-1", "--extend", "Many systems to search", "--folder", folder);
        Assert.True(exit == 0, error);
        Assert.Contains("(extended)", output, StringComparison.Ordinal);
        (exit, _, error) = await CliTests.Run("case", "set", "DSAR-CLI-1", "--extend", "Again", "--folder", folder);
        Assert.Equal(2, exit);
        Assert.Contains("one extension of two months", error, StringComparison.Ordinal);

        (exit, output, error) = await CliTests.Run("case", "complete", "DSAR-CLI-1", "--resolution", "Erased; letter sent", "--folder", folder);
        Assert.True(exit == 0, error);
        Assert.Contains("Status:    Completed", output, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Completed, new CaseStore(folder).Get("DSAR-CLI-1").Status);
        (exit, _, error) = await CliTests.Run("case", "set", "DSAR-CLI-1", "--reference", "T-78", "--folder", folder);
        Assert.Equal(2, exit);
        Assert.Contains("only its notes can change", error, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("case", "show", "DSAR-NOPE", "--folder", folder, "--audit-log", log);
        Assert.Equal(2, exit);
        Assert.Contains(ErrorIds.CaseNotFound, error, StringComparison.Ordinal);
    }
}
