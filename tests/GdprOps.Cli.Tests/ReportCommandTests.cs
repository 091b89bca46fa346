using System;
using System.IO;
using System.Threading.Tasks;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Cli;

public class ReportCommandTests
{
    [Fact]
    public async Task Report_turns_a_findings_csv_into_the_html_map_and_refuses_a_call_with_nothing_to_report()
    {
        using var dir = new TempFolder();
        string csv = Path.Combine(dir.Path, "findings.csv");
        string page = Path.Combine(dir.Path, "map.html");
        var (found, _, _) = await CliTests.Run("find", "--path", TestPaths.SampleShare, "--discover", "--csv", csv);
        Assert.Equal(0, found);

        var (exit, output, error) = await CliTests.Run("report", "--findings", csv, "--out", page, "--title", "Sample <share>");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains(page, output, StringComparison.Ordinal);
        string html = File.ReadAllText(page);
        Assert.Contains("<title>Sample &lt;share&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("data-category=\"ART9_HEALTH\" data-items=\"1\"", html, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("report", "--out", page);
        Assert.Equal(2, exit);
        Assert.Contains("--findings", error, StringComparison.Ordinal);

        (exit, _, error) = await CliTests.Run("report", "--case", "NOPE-1", "--case-folder", dir.Path, "--audit-log", Path.Combine(dir.Path, "a.log"), "--out", page);
        Assert.Equal(2, exit);
        Assert.Contains("There is no case NOPE-1", error, StringComparison.Ordinal);
    }
}
