using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Export;

/// <summary>GDPR Art. 20: the person's structured records, machine-readable, with where each came from.</summary>
public sealed class PortableDataTests
{
    private static readonly SubjectProfile Subject = SubjectProfileFile.Load(TestPaths.SampleSubject);

    [Fact]
    public async Task A_zipped_package_carries_my_data_in_its_first_part_and_verifies()
    {
        using var dir = new TempFolder();
        var (_, summary) = await ExportSamples(dir, subject: Subject, zip: true);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(summary.ZipPath!))
        {
            Assert.NotNull(zip.GetEntry(PortableData.FileName));
        }

        Assert.True(SubjectExportVerifier.Verify(summary.ZipPath!).Valid);
    }

    private static async Task<(string Package, SubjectExportSummary Summary)> ExportSamples(TempFolder dir, bool portable = true, SubjectProfile? subject = null, bool zip = false)
    {
        var findings = await SampleShare.FindingsAsync(Subject);
        string package = Path.Combine(dir.Path, "pkg");
        var options = new SubjectExportOptions(package) { CaseId = "DSAR-2026-0042", Subject = subject, PortableData = portable, Zip = zip };
        return (package, await new SubjectExporter(options, new SourceItemReader(null), new RecordingHost()).RunAsync(findings, CancellationToken.None));
    }

    [Fact]
    public async Task My_data_holds_the_persons_rows_and_records_only_with_their_source_and_the_manifest_vouches_for_it()
    {
        using var dir = new TempFolder();
        var (package, _) = await ExportSamples(dir, subject: Subject);
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, PortableData.FileName))).RootElement;
        Assert.Equal(PortableData.Format, root.GetProperty("format").GetString());
        Assert.Equal("DSAR-2026-0042", root.GetProperty("caseId").GetString());
        var records = root.GetProperty("records").EnumerateArray().ToList();

        var crm = Assert.Single(records, r => r.GetProperty("source").GetString()!.EndsWith("crm-export.json", StringComparison.Ordinal));
        Assert.Equal("$[0]", crm.GetProperty("at").GetString());
        Assert.Equal("CUST-10023", crm.GetProperty("data").GetProperty("customer").GetString());
        var sick = Assert.Single(records, r => r.GetProperty("source").GetString()!.EndsWith("sick-leave-2026.csv", StringComparison.Ordinal));
        Assert.Equal("row 2", sick.GetProperty("at").GetString());
        Assert.Equal("Østergaard, Søren", sick.GetProperty("data").GetProperty("Name").GetString());
        Assert.Equal("Sick leave", sick.GetProperty("data").GetProperty("Reason").GetString());
        string all = root.GetRawText();
        Assert.DoesNotContain("Jensen", all, StringComparison.Ordinal); // a colleague's row
        Assert.DoesNotContain("anna.berg", all, StringComparison.Ordinal); // another customer's record

        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "manifest.json"))).RootElement.GetProperty("package").GetProperty("portableData");
        Assert.Equal(records.Count, manifest.GetProperty("records").GetInt32());
        Assert.True(SubjectExportVerifier.Verify(package).Valid);

        File.AppendAllText(Path.Combine(package, PortableData.FileName), " ");
        var check = SubjectExportVerifier.Verify(package);
        Assert.False(check.Valid);
        Assert.Contains("Altered: my-data.json", check.Problems, StringComparison.Ordinal);
        File.Delete(Path.Combine(package, PortableData.FileName));
        Assert.Contains("Missing: my-data.json", SubjectExportVerifier.Verify(package).Problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_subject_profile_no_records_can_be_told_apart_and_the_export_says_so_before_writing_a_manifest()
    {
        using var dir = new TempFolder();
        var error = await Assert.ThrowsAsync<GdprOpsException>(() => ExportSamples(dir, subject: null));
        Assert.Equal(ErrorIds.InvalidArgument, error.ErrorId);
        Assert.False(File.Exists(Path.Combine(dir.Path, "pkg", "manifest.json")));
    }

    [Fact]
    public void Hostile_structured_files_are_skipped_with_the_reason_never_a_crash()
    {
        using var dir = new TempFolder();
        var portable = new PortableData(Subject);
        portable.Add(dir.File("broken.json", "{ \"customers\": [ { \"email\": \"soeren.oestergaard@nordlys.example\" "), "items/broken.json");
        portable.Add(dir.File("deep.json", new string('[', 5000) + new string(']', 5000)), "items/deep.json");
        portable.Add(dir.File("quoted.csv", "a,b\n\"unterminated,soeren.oestergaard@nordlys.example\n"), "items/quoted.csv");
        portable.Add(dir.File("nested.json", "{ \"data\": { \"rows\": [ { \"mail\": \"soeren.oestergaard@nordlys.example\", \"n\": 1 }, { \"mail\": \"x@y.example\" } ] } }"), "items/nested.json");
        Assert.Contains(portable.Skipped, s => s.File == "items/broken.json" && s.Reason == "not valid JSON");
        Assert.Contains(portable.Skipped, s => s.File == "items/deep.json");
        // An unterminated quote runs to the end of the file: that one field still names the person, so the row is theirs.
        Assert.Equal(2, portable.Count);
        Assert.Equal(2, portable.Skipped.Count);
        string path = Path.Combine(dir.Path, "my-data.json");
        portable.Write(path, null);
        var records = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Contains(records, r => r.GetProperty("at").GetString() == "$.data.rows[0]");
        Assert.Contains(records, r => r.GetProperty("source").GetString() == "items/quoted.csv" && r.GetProperty("at").GetString() == "row 2");
        Assert.DoesNotContain("x@y.example", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
