using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Cli;
using GdprOps.Export;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Cli;

public class CliTests
{
    /// <summary>Runs gdprops with <paramref name="args"/>: in this process, or the executable under test (<see cref="CliUnderTest"/>).</summary>
    internal static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        if (CliUnderTest.Executable is not null)
        {
            return await CliUnderTest.RunProcessAsync(args);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The CLI tests also run against the native executable (GDPROPS_CLI_UNDER_TEST, tests/run.sh): only through Run
    /// (and ShardProcessTests.Start). A test calling CliApp itself would pass there without running the executable.
    /// </summary>
    [Fact]
    public void Every_cli_test_runs_gdprops_through_the_runner_that_can_run_the_native_executable()
    {
        // Code lines, not these quoted patterns: in process only in Run, and processes only in CliUnderTest.
        var lines = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "GdprOps.Cli.Tests"), "*.cs")
            .SelectMany(file => File.ReadAllLines(file).Select(line => (File: Path.GetFileName(file), Text: line)))
            .ToList();
        bool Calls(string text, string call) => text.Contains(call, System.StringComparison.Ordinal) && !text.Contains("\"" + call, System.StringComparison.Ordinal);
        Assert.Equal(new[] { "CliTests.cs" }, lines.Where(l => Calls(l.Text, "CliApp.RunAsync(")).Select(l => l.File));
        Assert.Equal(new[] { "CliUnderTest.cs" }, lines.Where(l => Calls(l.Text, "ProcessStartInfo(")).Select(l => l.File));
    }

    [Fact]
    public async Task One_unreachable_blob_endpoint_is_that_sources_error_and_every_other_finding_is_reported()
    {
        using var dir = new TempFolder();
        string csv = Path.Combine(dir.Path, "findings.csv");
        // Nothing listens on port 9: the storage SDK retries, then gives up with an AggregateException.
        var (exit, output, error) = await Run("find", "--path", TestPaths.SampleShare, "--blob-container", "http://127.0.0.1:9/devstoreaccount1/c1",
            "--email", "soeren.oestergaard@nordlys.example", "--csv", csv);
        Assert.Equal(1, exit);
        Assert.Contains("ERROR BlobReadFailed: container devstoreaccount1/c1", error, System.StringComparison.Ordinal);
        Assert.DoesNotContain("AggregateException", error + output, System.StringComparison.Ordinal);
        // The container is a NotScanned row of the report too, so the CSV shows what was not searched.
        Assert.Contains("5 finding(s), 1 of them NotScanned (not read: see StatusReason).", output, System.StringComparison.Ordinal);
        using var reader = new FindingReportReader(csv);
        var rows = reader.ReadAll().ToList();
        Assert.Equal(4, rows.Count(r => r.Status == GdprOps.Model.ScanStatus.Scanned));
        var container = Assert.Single(rows, r => r.Status == GdprOps.Model.ScanStatus.NotScanned);
        Assert.Equal((GdprOps.Model.SourceKind.Blob, "devstoreaccount1/c1", "container devstoreaccount1/c1"), (container.SourceKind, container.Source, container.ItemId));
        Assert.EndsWith("(BlobReadFailed)", container.StatusReason, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SAS_URL_as_an_option_value_is_refused_and_the_environment_or_a_file_is_named_instead()
    {
        var (exit, _, error) = await Run("find", "--blob-sas-uri", "https://acct.blob.core.windows.net/c?sv=2024&sig=secret", "--email", "a@b.example");
        Assert.Equal(2, exit);
        Assert.Contains("GDPROPS_BLOB_SAS_URIS", error, System.StringComparison.Ordinal);
        Assert.DoesNotContain("sig=secret", error, System.StringComparison.Ordinal);

        var (signed, _, signedError) = await Run("find", "--blob-container", "https://acct.blob.core.windows.net/c?sv=2024&sig=secret", "--email", "a@b.example");
        Assert.Equal(2, signed);
        Assert.DoesNotContain("sig=secret", signedError, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_with_profile_writes_table_and_csv()
    {
        using var dir = new TempFolder();
        string csv = Path.Combine(dir.Path, "findings.csv");
        var (exit, output, error) = await Run("find", "--path", TestPaths.SampleShare, "--subject", TestPaths.SampleSubject, "--csv", csv);
        Assert.Equal(0, exit);
        Assert.Contains("6 finding(s).", output, System.StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
        using var reader = new FindingReportReader(csv);
        var rows = reader.ReadAll().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Single(rows, r => r.Status == GdprOps.Model.ScanStatus.Scanned && r.ItemName.EndsWith(".pdf", System.StringComparison.Ordinal) && r.Where == "FileName;Body");
    }

    [Fact]
    public async Task Find_with_shortcuts()
    {
        var (exit, output, _) = await Run("find", "--path", TestPaths.SampleShare, "--email", "soeren.oestergaard@nordlys.example");
        Assert.Equal(0, exit);
        Assert.Contains("4 finding(s).", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_subject_exits_2_with_the_error_id_and_no_value()
    {
        var (exit, _, error) = await Run("find", "--path", TestPaths.SampleShare, "--national-id", "123456789");
        Assert.Equal(2, exit);
        Assert.Contains(ErrorIds.AmbiguousNationalId, error, System.StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", error, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_path_exits_1()
    {
        var (exit, _, error) = await Run("find", "--path", "/no/such/gdprops/path", "--email", "a@b.example");
        Assert.Equal(1, exit);
        Assert.Contains(ErrorIds.PathNotFound, error, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_with_a_budget_option()
    {
        var (exit, output, _) = await Run("find", "--path", TestPaths.SampleShare, "--discover", "--category", "DK_CPR", "--max-pdf-pages", "1");
        Assert.Equal(0, exit);
        Assert.Contains("1 finding(s).", output, System.StringComparison.Ordinal);
        Assert.Contains("DK_CPR", output, System.StringComparison.Ordinal);
    }

    /// <summary>
    /// An HR export names its columns once: every row under "CPR-nr." and "Fødselsdato" is counted, not only the few within
    /// a context word's 300 characters of the header (before: 19 CPR numbers and 1 birth date of 120 rows).
    /// </summary>
    [Fact]
    public async Task Discover_counts_every_row_of_a_labelled_column_in_an_export()
    {
        using var dir = new TempFolder();
        var rows = new System.Text.StringBuilder("Navn;Afdeling;CPR-nr.;Fødselsdato\r\n");
        for (int i = 0; i < 120; i++)
        {
            // Eleven-proof or not, a CPR number's date reads as a birth date: "010190-xxxx" style rows, 1 Jan 1990 on.
            var born = new System.DateTime(1990, 1, 1).AddDays(i * 3);
            rows.Append("Medarbejder ").Append(i).Append(";Salg;").Append(born.ToString("ddMMyy", System.Globalization.CultureInfo.InvariantCulture))
                .Append("-4").Append((100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(';')
                .Append(born.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        }

        dir.File("personale.csv", rows.ToString());
        string csv = Path.Combine(dir.Path, "out.csv");

        var (exit, _, _) = await Run("find", "--path", dir.Path, "--discover", "--csv", csv);

        Assert.Equal(0, exit);
        string report = File.ReadAllText(csv);
        Assert.Contains("DK_CPR:120", report, System.StringComparison.Ordinal);
        Assert.Contains("DATE_OF_BIRTH:120", report, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_option_is_a_usage_error()
    {
        var (exit, _, _) = await Run("find", "--email", "a@b.example");
        Assert.NotEqual(0, exit);
    }
}

[Collection(ProcessEnvironment.Name)]
public sealed class CliCloudTests
{
    [Fact]
    public async Task Find_sweeps_a_mailbox_and_reports_a_forbidden_one_with_exit_code_1()
    {
        var (tenant, truth) = GdprOps.GraphSimulator.Generation.TenantGenerator.Generate(new GdprOps.GraphSimulator.Generation.TenantSpec { Users = 5, SharedMailboxes = 1, MessagesPerMailbox = 5, FilesPerDrive = 1, Seed = 31 });
        await using var server = await GdprOps.GraphSimulator.GraphSimulatorServer.StartAsync(tenant);
        var planted = truth.Items.First(i => i.Source == "mail" && i.Location == "header");
        var person = GdprOps.GraphSimulator.Generation.PlantedPerson.All.Single(p => p.Key == planted.Subject);
        var forbidden = tenant.Users.Single(u => u.MailboxKind == GdprOps.GraphSimulator.Model.MailboxKind.Forbidden);
        System.Environment.SetEnvironmentVariable("GDPROPS_ACCESS_TOKEN", "simulator-token");
        try
        {
            var (exit, output, error) = await CliTests.Run("find", "--graph-endpoint", server.BaseUrl, "--mailbox", planted.Container, forbidden.UserPrincipalName, "--email", person.Email);
            Assert.True(exit == 1, error);
            Assert.True(error.Contains("MailboxAccessDenied", System.StringComparison.Ordinal), error);
            Assert.Contains(planted.ItemId.Substring(0, 20), output, System.StringComparison.Ordinal);
            // The table names the mailbox a mail finding is in.
            Assert.Contains(" " + planted.Container + " ", output, System.StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Email, error, System.StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("GDPROPS_ACCESS_TOKEN", null);
        }
    }

    [Fact]
    public async Task Retention_test_exit_codes_say_compliant_violations_or_errors()
    {
        var (tenant, truth) = GdprOps.GraphSimulator.Generation.TenantGenerator.Generate(new GdprOps.GraphSimulator.Generation.TenantSpec { Users = 5, SharedMailboxes = 0, MessagesPerMailbox = 10, FilesPerDrive = 1, Seed = 41 });
        await using var server = await GdprOps.GraphSimulator.GraphSimulatorServer.StartAsync(tenant);
        var compliant = truth.Retention.GroupBy(r => r.Mailbox).FirstOrDefault(g => g.All(r => r.OlderThanCutoff == 0))?.Key;
        var violating = truth.Retention.First(r => r.OlderThanCutoff > 0).Mailbox;
        var forbidden = tenant.Users.Single(u => u.MailboxKind == GdprOps.GraphSimulator.Model.MailboxKind.Forbidden).UserPrincipalName;
        string asOf = truth.Now.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        System.Environment.SetEnvironmentVariable("GDPROPS_ACCESS_TOKEN", "simulator-token");
        try
        {
            async Task<(int Exit, string Out)> Retention(string mailbox)
            {
                var (exit, output, _) = await CliTests.Run("retention", "test", "--graph-endpoint", server.BaseUrl, "--mailbox", mailbox, "--as-of", asOf);
                return (exit, output);
            }

            var (exit, text) = await Retention(violating);
            Assert.Equal(1, exit);
            Assert.Contains("1 non-compliant", text, System.StringComparison.Ordinal);
            Assert.Equal(2, (await Retention(forbidden)).Exit);
            if (compliant is not null)
            {
                Assert.Equal(0, (await Retention(compliant)).Exit);
            }
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("GDPROPS_ACCESS_TOKEN", null);
        }
    }

    [Fact]
    public async Task Retention_items_exits_0_1_or_2_for_a_scheduled_job()
    {
        using var dir = new GdprOps.Tests.Shared.TempFolder();
        string policy = dir.File("retention.json", """{ "itemRules": [ { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "Recruitment policy 3" } ] }""");
        string share = System.IO.Path.Combine(dir.Path, "share");
        System.IO.File.SetLastWriteTimeUtc(dir.File("share/cv.txt", "cv"), new System.DateTime(2026, 6, 1, 0, 0, 0, System.DateTimeKind.Utc));

        var compliant = await CliTests.Run("retention", "items", "--policy", policy, "--path", share, "--as-of", "2026-11-23");
        Assert.Equal(0, compliant.Exit);
        Assert.Contains("1 item(s) checked against 1 item rule(s)", compliant.Out, System.StringComparison.Ordinal);

        var over = await CliTests.Run("retention", "items", "--policy", policy, "--path", share, "--as-of", "2027-12-01");
        Assert.Equal(1, over.Exit);
        Assert.Contains("1 over the limit", over.Out, System.StringComparison.Ordinal);

        Assert.Equal(2, (await CliTests.Run("retention", "items", "--policy", policy, "--path", System.IO.Path.Combine(dir.Path, "missing"))).Exit);
        Assert.Equal(2, (await CliTests.Run("retention", "items", "--policy", policy)).Exit);
    }

    [Fact]
    public async Task Find_without_any_source_is_invalid_usage()
    {
        var (exit, _, error) = await CliTests.Run("find", "--email", "a@b.example");
        Assert.Equal(2, exit);
        Assert.Contains("InvalidArgument", error, System.StringComparison.Ordinal);
    }
}
