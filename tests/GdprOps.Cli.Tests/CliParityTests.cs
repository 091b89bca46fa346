using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Export;
using GdprOps.Export.Package;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Cli;

/// <summary>The command line does what the module does (issue 18): strict parsing, export, remove, retention enforce, audit.</summary>
public class CliParityTests
{
    private const string Email = "soeren.oestergaard@nordlys.example";

    [Fact]
    public async Task A_misspelt_option_is_never_the_value_of_the_option_before_it_nothing_is_swept_and_the_exit_code_is_2()
    {
        using var dir = new TempFolder();
        dir.File("HR/secret.txt", "Contact " + Email);
        var (exit, output, error) = await CliTests.Run("find", "--email", Email, "--path", dir.Path, "--exclud", "HR");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("'--exclud' is not an option of 'gdprops find'. Did you mean '--exclude'?", error, StringComparison.Ordinal);
        Assert.Contains("Run 'gdprops find --help'", error, StringComparison.Ordinal);

        (exit, output, error) = await CliTests.Run("fnd", "--path", dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("'fnd' is not a command of 'gdprops'. Did you mean 'find'?", error, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("retention", "enforc", "--policy", "x.json");
        Assert.Equal(2, exit);
        Assert.Contains("Did you mean 'enforce'?", error, StringComparison.Ordinal);

        // A single-dash word is an option too (not a value): "-exclude HR" is refused, a negative number is not a word.
        (exit, _, error) = await CliTests.Run("find", "--email", Email, "--path", dir.Path, "-exclude", "HR");
        Assert.Equal(2, exit);
        Assert.Contains("'-exclude'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_report_into_a_folder_that_does_not_exist_fails_before_the_sweep()
    {
        using var dir = new TempFolder();
        var (exit, output, error) = await CliTests.Run("find", "--email", Email, "--path", TestPaths.SampleShare, "--csv", Path.Combine(dir.Path, "no", "such", "report.csv"));
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("does not exist; nothing was swept", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_environment_variables_and_exit_codes_and_warnings_use_command_line_spelling()
    {
        foreach (var args in new[] { new[] { "--help" }, new[] { "remove", "--help" } })
        {
            var (exit, output, _) = await CliTests.Run(args);
            Assert.Equal(0, exit);
            foreach (string expected in new[] { "GDPROPS_CLIENT_SECRET", "GDPROPS_CERTIFICATE_PASSWORD", "GDPROPS_BLOB_CONNECTION_STRING", "GDPROPS_AUDIT_LOG", "Exit codes:", "130" })
            {
                Assert.Contains(expected, output, StringComparison.Ordinal);
            }
        }

        using var dir = new TempFolder();
        dir.File("drawing.xyz", "not read");
        var (_, _, error) = await CliTests.Run("find", "--email", Email, "--path", dir.Path);
        Assert.Contains("Use --include-unscanned to list them", error, StringComparison.Ordinal);
        Assert.DoesNotContain("-IncludeUnscanned", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_findings_table_never_cuts_a_category_list()
    {
        using var dir = new TempFolder();
        dir.File("hr-note.txt", "Medarbejder Jens Holm, CPR-nr. 070761-4285, mail jens.holm@nordlys.example, tlf. +45 20 12 34 56, "
            + "konto DK50 0040 0440 1162 43, login fra 192.168.10.44, er sygemeldt med stress og depression.");
        var (exit, output, _) = await CliTests.Run("find", "--path", dir.Path, "--discover");
        Assert.Equal(0, exit);
        string categories = output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        Assert.True(categories.Split(';').Length >= 5 && categories.Length > 26, output);
        Assert.Contains("EMAIL", categories, StringComparison.Ordinal);
        Assert.Contains("ART9_HEALTH", categories, StringComparison.Ordinal);
        Assert.DoesNotContain("~", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_acts_only_with_yes_honours_the_decision_column_and_records_every_row_which_audit_show_and_verify_read_back()
    {
        using var dir = new TempFolder();
        string share = CopySampleShare(dir.Path);
        string log = Path.Combine(dir.Path, "audit.log");
        string report = await ReviewedReportAsync(dir.Path, share, ("newsletter-list.html", "delete"), ("crm-export.json", "keep"), ("ticket-4711.eml", "maybe later"));
        string newsletter = Path.Combine(share, "Marketing", "newsletter-list.html");
        string crm = Path.Combine(share, "Sales", "crm-export.json");

        var (exit, output, error) = await CliTests.Run("remove", "--report", report, "--email", Email, "--audit-log", log);
        Assert.Equal(2, exit);
        Assert.Contains("acts only with --yes", error, StringComparison.Ordinal);
        Assert.True(File.Exists(newsletter));
        Assert.False(File.Exists(log));

        (exit, output, _) = await CliTests.Run("remove", "--report", report, "--email", Email, "--audit-log", log, "--what-if");
        Assert.Equal(0, exit);
        Assert.Contains("1 item(s) would be acted on, 3 left alone. Nothing was removed.", output, StringComparison.Ordinal);
        Assert.Contains("SkippedByDecision: The reviewer's decision is to keep", output, StringComparison.Ordinal);
        Assert.True(File.Exists(newsletter));
        Assert.False(File.Exists(log));

        (exit, output, error) = await CliTests.Run("remove", "--report", report, "--email", Email, "--audit-log", log, "--yes");
        Assert.True(exit == 0, error);
        Assert.Contains("does not recognise", error, StringComparison.Ordinal); // "maybe later" is said, not guessed
        Assert.False(File.Exists(newsletter));
        Assert.True(File.Exists(crm));
        Assert.Contains("1 Removed, 2 SkippedByDecision, 1 SkippedUndecided.", output, StringComparison.Ordinal);
        var removals = new AuditLog(log).Read().Where(r => r.Command == "gdprops remove").ToList();
        Assert.NotEmpty(removals);
        Assert.DoesNotContain(Email, File.ReadAllText(log), StringComparison.OrdinalIgnoreCase);

        (exit, output, _) = await CliTests.Run("audit", "show", "--audit-log", log, "--action", removals[0].Action);
        Assert.Equal(0, exit);
        Assert.Contains("\tgdprops remove\t", output, StringComparison.Ordinal);
        (exit, output, _) = await CliTests.Run("audit", "verify", "--audit-log", log);
        Assert.True(exit == 0, output);
        Assert.Contains("Valid:    yes", output, StringComparison.Ordinal);

        var lines = File.ReadAllLines(log);
        lines[^1] = lines[^1].Replace("gdprops remove", "gdprops remov3", StringComparison.Ordinal);
        File.WriteAllLines(log, lines);
        (exit, _, error) = await CliTests.Run("audit", "verify", "--audit-log", log);
        Assert.Equal(1, exit);
        Assert.Contains("does not verify", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_counts_the_findings_of_a_report_per_category_and_source()
    {
        using var dir = new TempFolder();
        string report = await ReviewedReportAsync(dir.Path, TestPaths.SampleShare);
        var (exit, output, error) = await CliTests.Run("measure", "--report", report, "--by", "Source");
        Assert.True(exit == 0, error);
        var email = output.Split('\n').Single(l => l.StartsWith("EMAIL ", StringComparison.Ordinal));
        Assert.Contains(TestPaths.SampleShare, email, StringComparison.Ordinal);
        Assert.Equal("4", email.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^3]); // four items hold the person's e-mail
    }

    [Fact]
    public async Task Profile_check_says_what_a_profile_matches_on_and_warns_without_printing_an_identifier()
    {
        var (exit, output, error) = await CliTests.Run("profile", "check", "--name", "Madonna", "--email", "m.ciccone@nordlys.example");
        Assert.Equal(0, exit);
        Assert.Contains("Subject profile with 1 Email, 1 Name.", output, StringComparison.Ordinal);
        Assert.Contains("WARNING: Name #1 is a single word", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Madonna", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("ciccone", output + error, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("profile", "check", "--national-id", "123456789");
        Assert.Equal(2, exit);
        Assert.Contains(ErrorIds.AmbiguousNationalId, error, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_needs_the_person_to_check_each_item_against()
    {
        using var dir = new TempFolder();
        string report = await ReviewedReportAsync(dir.Path, TestPaths.SampleShare);
        var (exit, _, error) = await CliTests.Run("remove", "--report", report, "--yes", "--audit-log", Path.Combine(dir.Path, "audit.log"));
        Assert.Equal(2, exit);
        Assert.Contains("Say who the person is", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_a_package_that_verifies_and_an_audit_line()
    {
        using var dir = new TempFolder();
        string report = await ReviewedReportAsync(dir.Path, TestPaths.SampleShare);
        string package = Path.Combine(dir.Path, "package");
        string log = Path.Combine(dir.Path, "audit.log");
        var (exit, output, error) = await CliTests.Run("export", "--report", report, "--out", package, "--subject", TestPaths.SampleSubject,
            "--controller-profile", Path.Combine(TestPaths.Samples, "controller.json"), "--language", "da", "--audit-log", log);
        Assert.True(exit == 0, error);
        Assert.Contains("Items:           4", output, StringComparison.Ordinal);
        Assert.Contains("item(s) hold other people's personal data", error, StringComparison.Ordinal);
        Assert.DoesNotContain("-ControllerProfile", error, StringComparison.Ordinal);
        string sha = output.Split('\n').Single(l => l.StartsWith("Manifest SHA256:", StringComparison.Ordinal)).Split(':')[1].Trim();
        Assert.True(SubjectExportVerifier.Verify(package, sha).Valid);
        (exit, output, error) = await CliTests.Run("export", "verify", package, "--manifest-sha256", sha);
        Assert.True(exit == 0, error);
        Assert.Contains("Valid:   yes", output, StringComparison.Ordinal);
        string item = Directory.GetFiles(Path.Combine(package, "items"), "*", SearchOption.AllDirectories).First();
        File.AppendAllText(item, "tampered");
        (exit, output, error) = await CliTests.Run("export", "verify", package, "--manifest-sha256", sha);
        Assert.Equal(1, exit);
        Assert.Contains("1 altered", output, StringComparison.Ordinal);
        Assert.Contains("does not match its manifest", error, StringComparison.Ordinal);
        var export = Assert.Single(new AuditLog(log).Read(), r => r.Action == "Export");
        Assert.Equal(("gdprops export", "DSAR-2026-0042"), (export.Command, export.CaseId));

        // The same folder again is refused, as in the module; --resume completes it without copying anything twice.
        (exit, _, error) = await CliTests.Run("export", "--report", report, "--out", package, "--audit-log", log);
        Assert.Equal(1, exit);
        Assert.Contains("--resume", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_enforce_reads_a_psd1_policy_lists_with_what_if_and_deletes_only_with_yes()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string old = dir.File("share/cv-2019.txt", "cv");
        string recent = dir.File("share/cv-2026.txt", "cv");
        File.SetLastWriteTimeUtc(old, new DateTime(2019, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(recent, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        string policy = dir.File("retention.psd1", """
            # Recruitment records
            @{
                version = 1
                itemRules = @(
                    @{ name = 'Applications'; scope = 'share'; dateProperty = 'Modified'; olderThan = '1y'   <# a year after the last change #>
                       legalBasis = "Recruitment policy 3" }
                )
            }
            """);
        string log = Path.Combine(dir.Path, "audit.log");

        var (exit, output, error) = await CliTests.Run("retention", "validate", "--policy", policy);
        Assert.True(exit == 0, error);
        Assert.Contains("Item rules:    1", output, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("retention", "enforce", "--policy", policy, "--path", share, "--as-of", "2026-11-30", "--audit-log", log);
        Assert.Equal(2, exit);
        Assert.Contains("acts only with --yes", error, StringComparison.Ordinal);

        (exit, output, _) = await CliTests.Run("retention", "enforce", "--policy", policy, "--path", share, "--as-of", "2026-11-30", "--what-if");
        Assert.Equal(0, exit);
        Assert.Contains("What if: 1 item(s) in", output, StringComparison.Ordinal);
        Assert.True(File.Exists(old));

        (exit, output, error) = await CliTests.Run("retention", "enforce", "--policy", policy, "--path", share, "--as-of", "2026-11-30", "--audit-log", log, "--yes");
        Assert.True(exit == 0, error + output);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.Contains(new AuditLog(log).Read(), r => r.Action == "RetentionEnforcement" && r.Command == "gdprops retention enforce");
    }

    [Fact]
    public async Task A_psd1_policy_that_would_run_code_is_refused_with_its_line()
    {
        using var dir = new TempFolder();
        string policy = dir.File("retention.psd1", "@{\n  itemRules = @(\n    @{ name = $env:USERNAME }\n  )\n}\n");
        var (exit, _, error) = await CliTests.Run("retention", "validate", "--policy", policy);
        Assert.Equal(2, exit);
        Assert.Contains("line 3: $env is a variable", error, StringComparison.Ordinal);
    }

    /// <summary>A copy of samples/share under <paramref name="root"/>.</summary>
    private static string CopySampleShare(string root)
    {
        string target = Path.Combine(root, "share");
        foreach (string file in Directory.GetFiles(TestPaths.SampleShare, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(target, Path.GetRelativePath(TestPaths.SampleShare, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    /// <summary>gdprops find --csv over <paramref name="share"/> for the sample person, with the Decision of the rows whose item name is given.</summary>
    private static async Task<string> ReviewedReportAsync(string root, string share, params (string ItemName, string Decision)[] decisions)
    {
        string found = Path.Combine(root, "found.csv");
        var (exit, _, error) = await CliTests.Run("find", "--path", share, "--email", Email, "--csv", found);
        Assert.True(exit == 0, error);
        string reviewed = Path.Combine(root, "reviewed.csv");
        using (var reader = new FindingReportReader(found))
        using (var writer = new FindingReportWriter(reviewed))
        {
            foreach (var finding in reader.ReadAll())
            {
                finding.Decision = decisions.FirstOrDefault(d => d.ItemName == finding.ItemName).Decision;
                writer.Write(finding);
            }

            writer.Commit();
        }

        return reviewed;
    }
}

[Collection(ProcessEnvironment.Name)]
public sealed class CliRetentionEnforceTests
{
    [Fact]
    public async Task Retention_enforce_deletes_the_mail_over_the_rule_in_a_mailbox_and_retention_test_then_passes()
    {
        var (tenant, truth) = GdprOps.GraphSimulator.Generation.TenantGenerator.Generate(new GdprOps.GraphSimulator.Generation.TenantSpec { Users = 4, SharedMailboxes = 0, MessagesPerMailbox = 12, FilesPerDrive = 1, Seed = 43 });
        await using var server = await GdprOps.GraphSimulator.GraphSimulatorServer.StartAsync(tenant);
        string mailbox = truth.Retention.First(r => r.OlderThanCutoff > 0).Mailbox;
        string asOf = truth.Now.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        using var dir = new TempFolder();
        string log = Path.Combine(dir.Path, "audit.log");
        Environment.SetEnvironmentVariable("GDPROPS_ACCESS_TOKEN", "simulator-token");
        try
        {
            string[] Args(params string[] extra) => new[] { "--graph-endpoint", server.BaseUrl, "--mailbox", mailbox, "--as-of", asOf }.Concat(extra).ToArray();
            Assert.Equal(1, (await CliTests.Run(new[] { "retention", "test" }.Concat(Args()).ToArray())).Exit);

            var (exit, output, error) = await CliTests.Run(new[] { "retention", "enforce", "--older-than", "6mo" }.Concat(Args("--what-if")).ToArray());
            Assert.True(exit == 0, error);
            Assert.Contains($"What if: inbox of {mailbox}: Delete (recoverable) mail older than", output, StringComparison.Ordinal);
            Assert.Equal(1, (await CliTests.Run(new[] { "retention", "test" }.Concat(Args()).ToArray())).Exit);

            (exit, output, error) = await CliTests.Run(new[] { "retention", "enforce", "--older-than", "6mo", "--audit-log", log }.Concat(Args("--yes")).ToArray());
            Assert.True(exit == 0, error + output);
            Assert.Contains("message(s) acted on", output, StringComparison.Ordinal);
            Assert.Contains(new AuditLog(log).Read(), r => r.Action == "RetentionEnforcement" && r.Command == "gdprops retention enforce" && r.Outcome == "Succeeded");

            (exit, output, _) = await CliTests.Run(new[] { "retention", "test" }.Concat(Args()).ToArray());
            Assert.True(exit == 0, output);
            Assert.Contains("0 non-compliant", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GDPROPS_ACCESS_TOKEN", null);
        }
    }
}
