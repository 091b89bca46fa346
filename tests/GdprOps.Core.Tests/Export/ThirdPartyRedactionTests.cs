using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DocumentFormat.OpenXml.Packaging;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Testing;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Export;

/// <summary>-RedactThirdParty: a copy the DPO can send, without other people's data, beside the original.</summary>
public sealed class ThirdPartyRedactionTests
{
    private static readonly SubjectProfile Subject = SubjectProfileFile.Load(TestPaths.SampleSubject);

    [Fact]
    public async Task Redacted_copies_keep_the_subjects_data_and_mask_everyone_elses_and_the_package_still_verifies()
    {
        using var dir = new TempFolder();
        var findings = await SampleShare.FindingsAsync(Subject);
        string package = Path.Combine(dir.Path, "pkg");
        var options = new SubjectExportOptions(package) { CaseId = "DSAR-2026-0042", Subject = Subject, RedactThirdParty = true };
        var summary = await new SubjectExporter(options, new SourceItemReader(null), new RecordingHost()).RunAsync(findings, CancellationToken.None);

        Assert.Equal(6, summary.Items);
        Assert.Equal(3, summary.RedactedCopies);
        string Copy(string name) => File.ReadAllText(Directory.GetFiles(Path.Combine(package, "items"), name, SearchOption.AllDirectories).Single(), Encoding.UTF8);

        string sick = Copy("sick-leave-2026.redacted.csv");
        Assert.Contains("\"Østergaard, Søren\";Logistics;2026-02-03;2026-02-07;Sick leave", sick, StringComparison.Ordinal);
        Assert.Contains("Name;Department;From;To;Reason", sick, StringComparison.Ordinal);
        Assert.DoesNotContain("Jensen", sick, StringComparison.Ordinal);
        Assert.DoesNotContain("Child sick", sick, StringComparison.Ordinal);
        Assert.DoesNotContain("de Vries", sick, StringComparison.Ordinal);
        Assert.Contains("[redacted];[redacted];[redacted];[redacted];[redacted]", sick, StringComparison.Ordinal);

        string newsletter = Copy("newsletter-list.redacted.html");
        Assert.Contains("soeren.oestergaard@nordlys.example", newsletter, StringComparison.Ordinal);
        Assert.DoesNotContain("anna.berg", newsletter, StringComparison.Ordinal);

        string crm = Copy("crm-export.redacted.json");
        using (var json = JsonDocument.Parse(crm))
        {
            Assert.Equal("SOEREN.OESTERGAARD@NORDLYS.EXAMPLE", json.RootElement[0].GetProperty("email").GetString());
            Assert.Equal("[redacted]", json.RootElement[1].GetProperty("email").GetString());
        }

        Assert.DoesNotContain("lars@holm.example", crm, StringComparison.Ordinal);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "manifest.json"))).RootElement;
        var copies = manifest.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("redactedFrom").GetString()!.Length > 0).ToList();
        Assert.Equal(3, copies.Count);
        Assert.All(copies, c => Assert.StartsWith("Redacted: ", c.GetProperty("thirdPartyCheck").GetString(), StringComparison.Ordinal));
        Assert.Equal(6, manifest.GetProperty("package").GetProperty("items").GetInt32());
        Assert.True(SubjectExportVerifier.Verify(package).Valid);
        Assert.Contains("<p>6 items, in the folder", File.ReadAllText(Path.Combine(package, "README.html")), StringComparison.Ordinal);
        Assert.Contains("sick-leave-2026.redacted.csv", File.ReadAllText(summary.ReviewPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_document_loses_a_colleagues_address_and_cpr_and_keeps_the_subjects()
    {
        var scanner = new ThirdPartyScanner(Subject);
        byte[] docx = TestDocuments.Docx("Søren Aabye Østergaard, soeren.oestergaard@nordlys.example\nColleague: mette.jensen@nordlys.example, CPR 150390-1230");
        var (bytes, count) = ThirdPartyRedaction.Redact(docx, ".docx", scanner);
        Assert.True(count >= 2);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes!), false);
        string text = document.MainDocumentPart!.Document.InnerText;
        Assert.Contains("soeren.oestergaard@nordlys.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mette.jensen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("150390-1230", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Twenty thousand colleagues' rows, and a minified JSON export that is one line of two megabytes: every other
    /// person is masked and the subject kept (a line's bounds come from an index, the output is written in one pass, so
    /// neither grows with rows × line length).
    /// </summary>
    [Fact]
    public void Big_exports_are_redacted_whole_including_a_minified_file_that_is_one_line()
    {
        var scanner = new ThirdPartyScanner(Subject);
        var csv = new StringBuilder("Name;Email;Reason\n\"Østergaard, Søren\";soeren.oestergaard@nordlys.example;Sick leave\n");
        for (int i = 0; i < 20_000; i++)
        {
            csv.Append("Colleague ").Append(i).Append(";c").Append(i).Append("@fjord.example;Sick leave\n");
        }

        var (csvBytes, csvCount) = ThirdPartyRedaction.Redact(Encoding.UTF8.GetBytes(csv.ToString()), ".csv", scanner);
        string redactedCsv = Encoding.UTF8.GetString(csvBytes!);
        Assert.Equal(20_000, csvCount);
        Assert.DoesNotContain("@fjord.example", redactedCsv, StringComparison.Ordinal);
        Assert.Contains("soeren.oestergaard@nordlys.example;Sick leave", redactedCsv, StringComparison.Ordinal);

        var json = new StringBuilder("[{\"email\":\"soeren.oestergaard@nordlys.example\"}");
        for (int i = 0; i < 40_000; i++)
        {
            json.Append(",{\"email\":\"c").Append(i).Append("@fjord.example\",\"n\":").Append(i).Append('}');
        }

        json.Append(']');
        var (jsonBytes, jsonCount) = ThirdPartyRedaction.Redact(Encoding.UTF8.GetBytes(json.ToString()), ".json", scanner);
        using var parsed = JsonDocument.Parse(jsonBytes!);
        Assert.Equal(40_000, jsonCount);
        Assert.Equal("soeren.oestergaard@nordlys.example", parsed.RootElement[0].GetProperty("email").GetString());
        Assert.All(parsed.RootElement.EnumerateArray().Skip(1), e => Assert.Equal("[redacted]", e.GetProperty("email").GetString()));
    }

    /// <summary>
    /// .NET's JSON writer escapes '+' and every letter outside ASCII ("\u002B45 20 98 76 54"): a colleague's number was cut
    /// after its country code and "+45" stayed in the copy sent to the requester. Read as the sweep reads it, it goes whole.
    /// </summary>
    [Fact]
    public void An_escaped_json_export_loses_a_colleagues_number_whole_and_keeps_the_subjects()
    {
        var scanner = new ThirdPartyScanner(Subject);
        string json = JsonSerializer.Serialize(new[]
        {
            new { name = "Søren Aabye Østergaard", phone = "+45 20 12 34 56", note = "Ny adresse" },
            new { name = "Mette Holm", phone = "+45 20 98 76 54", note = "CPR 150390-1230" },
        }, new JsonSerializerOptions { WriteIndented = true });
        Assert.Contains("\\u002B45 20 98 76 54", json, StringComparison.Ordinal);

        var (bytes, count) = ThirdPartyRedaction.Redact(Encoding.UTF8.GetBytes(json), ".json", scanner);

        using var parsed = JsonDocument.Parse(bytes!);
        Assert.Equal(2, count);
        Assert.Equal(("+45 20 12 34 56", "Ny adresse"), (parsed.RootElement[0].GetProperty("phone").GetString(), parsed.RootElement[0].GetProperty("note").GetString()));
        Assert.Equal(("[redacted]", "CPR [redacted]"), (parsed.RootElement[1].GetProperty("phone").GetString(), parsed.RootElement[1].GetProperty("note").GetString()));
    }

    [Fact]
    public void Binary_content_under_a_text_name_is_not_redacted_and_a_file_without_others_is_left_as_it_is()
    {
        var scanner = new ThirdPartyScanner(Subject);
        Assert.Null(ThirdPartyRedaction.Redact(new byte[] { 0, 1, 2, 0, 3 }, ".txt", scanner).Bytes);
        byte[] own = Encoding.UTF8.GetBytes("Søren Aabye Østergaard, +45 20 12 34 56");
        var (bytes, count) = ThirdPartyRedaction.Redact(own, ".txt", scanner);
        Assert.Equal(0, count);
        Assert.Equal(own, bytes);
    }
}
