using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Model;
using GdprOps.Review;

namespace GdprOps.Export;

/// <summary>
/// A findings report read back whole, for Import-PersonalDataReport and for <c>gdprops export|remove --report</c>:
/// every row is read and checked before any is used (a malformed report feeds nothing downstream), and what the
/// reader had to guess or leave out is said as warnings, never silently.
/// </summary>
public sealed class ReviewedReport
{
    private ReviewedReport(string path, IReadOnlyList<(Finding Finding, long Line)> rows, IReadOnlyList<string> warnings, string readAs)
    {
        Path = path;
        Rows = rows;
        Warnings = warnings;
        ReadAs = readAs;
    }

    public string Path { get; }

    /// <summary>Every row, with the line of the file it ends on.</summary>
    public IReadOnlyList<(Finding Finding, long Line)> Rows { get; }

    /// <summary>A guessed encoding that is not UTF-8, ignored columns, Decisions that are not recognised words.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The encoding the file was read as (web name).</summary>
    public string ReadAs { get; }

    /// <summary>The rows a reviewer approved (see <see cref="ReviewDecisions.Approves"/>).</summary>
    public IEnumerable<Finding> Approved => Rows.Where(r => ReviewDecisions.Approves(ReviewDecisions.Parse(r.Finding.Decision))).Select(r => r.Finding);

    /// <exception cref="GdprOpsException">The file cannot be read or is not a findings report.</exception>
    public static ReviewedReport Load(string path, Encoding? encoding = null)
    {
        var rows = new List<(Finding, long)>();
        var warnings = new List<string>();
        using var reader = new FindingReportReader(path, encoding);
        foreach (var finding in reader.ReadAll())
        {
            rows.Add((finding, reader.Line));
        }

        if (reader.EncodingWasDetected && reader.Encoding is not UTF8Encoding and not UnicodeEncoding)
        {
            warnings.Add($"{path} is not valid UTF-8: it was read as {reader.Encoding.WebName} (as Excel saves CSV). Use -Encoding if that is wrong.");
        }

        if (reader.IgnoredColumns.Count > 0)
        {
            warnings.Add($"Columns that are not part of a findings report were ignored: {string.Join(", ", reader.IgnoredColumns)}.");
        }

        var unrecognised = rows.Where(r => ReviewDecisions.Parse(r.Item1.Decision) == DecisionKind.Unrecognised).Select(r => r.Item2).ToList();
        if (unrecognised.Count > 0)
        {
            // Never silently dropped: these rows are not approved, and a removal will not act on them.
            warnings.Add($"{path}: {unrecognised.Count} row(s) have a Decision GdprOps does not recognise (line(s) {string.Join(", ", unrecognised.Take(20))}{(unrecognised.Count > 20 ? ", ..." : string.Empty)}); they count as not approved. Accepted: {ReviewDecisions.Describe()}.");
        }

        return new ReviewedReport(path, rows, warnings, reader.Encoding.WebName);
    }
}
