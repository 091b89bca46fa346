using System;
using System.IO;
using System.Linq;
using System.Text;
using GdprOps.Export;
using GdprOps.Model;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Export;

public class FindingReportTests
{
    private static Finding Sample(string name = "contract.txt") => new()
    {
        SourceKind = SourceKind.FileShare,
        Source = "/srv/share",
        Location = "HR",
        ItemId = "HR/" + name,
        ItemName = name,
        ItemUri = "/srv/share/HR/" + name,
        Version = "120@2026-01-02T03:04:05.0000000Z",
        Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Modified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
        SizeBytes = 120,
        CaseId = "DSAR-1",
        SubjectMatches = "Email;Name",
        Categories = "EMAIL",
        Confidence = Confidence.High,
        MatchCount = 3,
        Evidence = "Body Email: s***@nordlys.example x2; Body Name: S*** Ø***",
        Where = "Body",
        Status = ScanStatus.Scanned,
    };

    private static string Write(TempFolder dir, params Finding[] findings)
    {
        string path = Path.Combine(dir.Path, "report.csv");
        using var writer = new FindingReportWriter(path);
        foreach (var f in findings)
        {
            writer.Write(f);
        }

        writer.Commit();
        return path;
    }

    private static Finding[] Read(string path)
    {
        using var reader = new FindingReportReader(path);
        return reader.ReadAll().ToArray();
    }

    [Fact]
    public void Round_trip_keeps_every_column()
    {
        using var dir = new TempFolder();
        var original = Sample();
        var back = Assert.Single(Read(Write(dir, original)));
        foreach (var property in typeof(Finding).GetProperties())
        {
            Assert.Equal(property.GetValue(original), property.GetValue(back));
        }
    }

    [Fact]
    public void File_is_utf8_with_bom_and_fixed_header()
    {
        using var dir = new TempFolder();
        var bytes = File.ReadAllBytes(Write(dir, Sample("Søren.txt")));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
        string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(string.Join(",", FindingColumns.Names) + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Søren.txt", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tfoo")]
    public void Formula_cells_are_escaped_and_restored(string hostile)
    {
        using var dir = new TempFolder();
        var finding = Sample();
        finding.ItemName = hostile;
        finding.Decision = hostile;
        string path = Write(dir, finding);
        string raw = File.ReadAllText(path);
        Assert.DoesNotContain("," + hostile, raw, StringComparison.Ordinal);
        Assert.Contains("'" + hostile.Replace("\"", "\"\"", StringComparison.Ordinal), raw, StringComparison.Ordinal);
        var back = Assert.Single(Read(path));
        Assert.Equal(hostile, back.ItemName);
        Assert.Equal(hostile, back.Decision);
    }

    [Fact]
    public void Excel_semicolon_files_with_a_decision_and_extra_columns_are_read()
    {
        using var dir = new TempFolder();
        string path = dir.File("reviewed.csv", "SourceKind;Source;ItemId;Decision;Reviewer note\r\nFileShare;/srv;a.txt;approve;ok\r\nFileShare;/srv;b.txt;keep;legal hold\r\n");
        using var reader = new FindingReportReader(path);
        var rows = reader.ReadAll().ToArray();
        Assert.Equal(new[] { "approve", "keep" }, rows.Select(r => r.Decision));
        Assert.Equal(new[] { "Reviewer note" }, reader.IgnoredColumns);
    }

    [Theory]
    [InlineData("SourceKind,Source,ItemId\r\nFileShare,/srv,a.txt\r\nMailbag,/srv,b.txt\r\n", "line 3", "SourceKind")]
    [InlineData("SourceKind,Source,ItemId,Modified\r\nFileShare,/srv,a.txt,yesterday\r\n", "line 2", "Modified")]
    [InlineData("SourceKind,Source,ItemId\r\nFileShare,/srv,a.txt,extra\r\n", "line 2", "fields")]
    [InlineData("SourceKind,Source,ItemId\r\nFileShare,,a.txt\r\n", "line 2", "Source")]
    [InlineData("Name,Email\r\nx,y\r\n", "line 1", "SourceKind")]
    [InlineData("", "header", "header")]
    [InlineData("SourceKind,Source,ItemId,MatchCount\r\nFileShare,/srv,a.txt,-3\r\n", "line 2", "MatchCount")]
    public void Malformed_reports_name_the_line_and_never_the_value(string content, string line, string problem)
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.csv", content);
        var ex = Assert.Throws<GdprOpsException>(() => Read(path));
        Assert.Equal(ErrorIds.ReportMalformed, ex.ErrorId);
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Mailbag", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("yesterday", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_quote_is_a_malformed_report()
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.csv", "SourceKind,Source,ItemId\r\nFileShare,\"/srv,a.txt\r\n");
        Assert.Equal(ErrorIds.ReportMalformed, Assert.Throws<GdprOpsException>(() => Read(path)).ErrorId);
    }

    [Fact]
    public void An_uncommitted_report_leaves_the_old_file_and_no_temporary_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("report.csv", "old report");
        using (var writer = new FindingReportWriter(path))
        {
            writer.Write(Sample());
        }

        Assert.Equal("old report", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Missing_folder_is_a_clear_error()
    {
        var ex = Assert.Throws<GdprOpsException>(() => new FindingReportWriter(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid(), "r.csv")));
        Assert.Equal(ErrorIds.ReportWriteFailed, ex.ErrorId);
    }
}
