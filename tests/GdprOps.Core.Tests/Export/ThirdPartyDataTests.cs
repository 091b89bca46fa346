using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Export;

/// <summary>GDPR Art. 15(4): a copy for the person must not hand over other people's data unseen.</summary>
public sealed class ThirdPartyDataTests
{
    private static readonly SubjectProfile Subject = SubjectProfileFile.Load(TestPaths.SampleSubject);
    private static readonly ThirdPartyScanner Scanner = new(Subject);

    [Fact]
    public void Rows_of_a_sick_leave_list_about_colleagues_are_other_peoples_health_data_and_the_subjects_row_is_not()
    {
        var counts = Scanner.ScanText(File.ReadAllText(Path.Combine(TestPaths.SampleShare, "HR", "sick-leave-2026.csv")));
        Assert.True(counts.TryGetValue("ART9_HEALTH", out int health), "colleagues' reasons are health data");
        Assert.Equal(2, health); // Jensen's child sick, de Vries's sick leave; Østergaard's own row is his
    }

    [Theory]
    [InlineData("Newsletter: soeren.oestergaard@nordlys.example, anna.berg@fjord.example", "EMAIL:1")] // the other subscriber
    [InlineData("From: soeren.oestergaard@nordlys.example Cc: lars@holm.example", "EMAIL:1")] // another address on the subject's own line
    [InlineData("Søren Aabye Østergaard, mobil +45 31 22 33 44", "")] // a phone beside the subject's name is taken as his
    [InlineData("Søren Aabye Østergaard\nAnna Berg, mobil +45 31 22 33 44", "PHONE:1")] // on another line it is someone else's
    [InlineData("CPR 010190-1234 Søren Aabye Østergaard\nCPR 150390-1230 Mette Jensen", "DK_CPR:1")] // another person's CPR wherever it stands
    [InlineData("login ok user=soeren.oestergaard@nordlys.example ip=192.0.2.10\nlogin failed user=lars@holm.example ip=198.51.100.7", "EMAIL:1;IP_ADDRESS:1")]
    [InlineData("Dear Søren Aabye Østergaard, your order has shipped.", "")]
    [InlineData("From: soeren.oestergaard@nordlys.example\nTo: support@nordlys.example\nMessage-ID: <4711@nordlys.example>\nReply-To: Kundeservice@nordlys.example", "")] // functions and message ids, not people
    [InlineData("From: soeren.oestergaard@nordlys.example\nTo: mette.jensen@nordlys.example", "EMAIL:1")]
    public void Only_details_that_are_not_the_subjects_are_counted(string text, string expected) =>
        Assert.Equal(expected, GdprOps.Detection.Discovery.DiscoveryAccumulator.FormatCounts(Scanner.ScanText(text)));

    [Fact]
    public async Task The_package_flags_items_with_other_peoples_data_in_its_manifest_and_the_dpo_review_page_beside_it()
    {
        using var dir = new TempFolder();
        var findings = await SampleShare.FindingsAsync(Subject);
        string package = Path.Combine(dir.Path, "DSAR-2026-0042");
        var options = new SubjectExportOptions(package) { CaseId = "DSAR-2026-0042", Subject = Subject, AuditLog = new AuditLog(Path.Combine(dir.Path, "audit.log")) };
        var summary = await new SubjectExporter(options, new SourceItemReader(null), new RecordingHost()).RunAsync(findings, CancellationToken.None);

        var items = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "manifest.json"))).RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => Path.GetFileName(i.GetProperty("file").GetString()!), i => (Data: i.GetProperty("thirdPartyData").GetString(), Check: i.GetProperty("thirdPartyCheck").GetString()));
        Assert.Contains("EMAIL:1", items["newsletter-list.html"].Data, StringComparison.Ordinal);
        Assert.Contains("ART9_HEALTH:2", items["sick-leave-2026.csv"].Data, StringComparison.Ordinal);
        Assert.Contains("EMAIL:2", items["crm-export.json"].Data, StringComparison.Ordinal); // the other customers
        // The issue's two items with colleagues' or other subscribers' data, and the CRM export with other customers:
        // the support mail (to support@) and the contract hold nobody else's.
        Assert.Equal(new[] { "crm-export.json", "newsletter-list.html", "sick-leave-2026.csv" }, items.Where(i => i.Value.Data!.Length > 0).Select(i => i.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(items.Values, i => Assert.Equal("Checked", i.Check));
        Assert.Equal(items.Values.Count(i => i.Data!.Length > 0), summary.ThirdPartyItems);
        Assert.Equal(0, summary.NotChecked);

        Assert.Equal(package + ".review.html", summary.ReviewPath);
        string review = File.ReadAllText(summary.ReviewPath);
        Assert.Contains("sick-leave-2026.csv", review, StringComparison.Ordinal);
        Assert.Contains("health information: 2", review, StringComparison.Ordinal);
        Assert.DoesNotContain("anna.berg", review, StringComparison.Ordinal);
        Assert.DoesNotContain("@", review, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(package, Path.GetFileName(summary.ReviewPath))), "the review page is the DPO's, not the person's");
        Assert.Contains("ThirdPartyData", File.ReadAllText(Path.Combine(package, "manifest.csv")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(package, SubjectExporter.Journal)), "the finished package carries no resume journal");
        Assert.True(SubjectExportVerifier.Verify(package).Valid);

        // A finished package resumed (the journal is gone) is read from its manifest: nothing copied twice.
        var again = await new SubjectExporter(new SubjectExportOptions(package) { CaseId = "DSAR-2026-0042", Subject = Subject, Resume = true }, new SourceItemReader(null), new RecordingHost())
            .RunAsync(findings, CancellationToken.None);
        Assert.Equal(summary.Items, again.Resumed);
        Assert.Equal(summary.Items, Directory.GetFiles(Path.Combine(package, "items"), "*", SearchOption.AllDirectories).Length);
        Assert.Equal(summary.ThirdPartyItems, again.ThirdPartyItems);
    }

    [Fact]
    public async Task Without_a_subject_profile_nothing_is_checked_and_the_package_and_the_dpo_are_told()
    {
        using var dir = new TempFolder();
        var findings = await SampleShare.FindingsAsync(Subject);
        string package = Path.Combine(dir.Path, "pkg");
        var exportHost = new RecordingHost();
        var summary = await new SubjectExporter(new SubjectExportOptions(package), new SourceItemReader(null), exportHost).RunAsync(findings, CancellationToken.None);
        Assert.Contains(exportHost.Warnings, w => w.Contains("not checked for other people's personal data", StringComparison.Ordinal));
        Assert.Equal(summary.Items, summary.NotChecked);
        Assert.Contains("not checked in full", File.ReadAllText(summary.ReviewPath), StringComparison.Ordinal);
    }
}
