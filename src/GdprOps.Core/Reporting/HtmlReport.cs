using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using GdprOps.Cases;
using GdprOps.Detection.Discovery;
using GdprOps.Export;
using GdprOps.Model;

namespace GdprOps.Reporting;

/// <summary>
/// Export-GdprReport / gdprops report: one self-contained HTML page (no script, no font or image from elsewhere; works
/// offline and prints) with its charts drawn here as inline SVG. A discovery (or subject) sweep becomes the Art. 30 map
/// a DPO asks for: personal data by category and location, special categories picked out, what could not be read and
/// why, the top locations. A case becomes its timeline from the audit log with what was found, exported and erased.
/// Every number a reader sees carries a data-metric attribute, so a test can compare the page with its input.
/// </summary>
public static class HtmlReport
{
    private const string Accent = "#1f5fbf";
    private const string Special = "#b3261e";
    private const int TopLocations = 12;

    /// <summary>Tables list at most this many rows (a page, not a dump); the rest is counted under them.</summary>
    private const int MaxRows = 50;

    public static string Discovery(IReadOnlyList<Finding> findings, string? title = null, DateTimeOffset? generated = null)
    {
        var measurer = new FindingMeasurer(byLocation: true);
        foreach (var finding in findings)
        {
            measurer.Add(finding);
        }

        var measures = measurer.Results().ToList();
        // One source (a share, a mailbox): locations are its folders, and the source is said once above.
        var sources = findings.Select(f => f.Source).Distinct(StringComparer.Ordinal).ToList();
        string? only = sources.Count == 1 ? sources[0] : null;
        string Place(Finding f) => Label(f.Source, f.Location, only);
        var data = findings.Where(HoldsData).ToList();
        var notRead = findings.Where(f => f.Status == ScanStatus.NotScanned).ToList();
        var partial = findings.Where(f => f.Status == ScanStatus.Partial).ToList();
        var perCategory = Categories(data);
        var special = data.Where(f => Split(f.Categories).Any(IsSpecial)).ToList();
        var locations = data.GroupBy(Place).Select(g => (Location: g.Key, Items: g.Count(), Categories: Split(string.Join(";", g.Select(f => f.Categories))).Distinct().ToList()))
            .OrderByDescending(l => l.Items).ThenBy(l => l.Location, StringComparer.Ordinal).ToList();

        var html = Start(title ?? "Personal data map", generated);
        html.Append("<p class=\"lead\">Where personal data was found, by category and location (GDPR Art. 30 records), from ")
            .Append("<span data-metric=\"findings\">").Append(Count(findings.Count)).Append("</span> ").Append(findings.Count == 1 ? "finding" : "findings")
            .Append(only is null ? string.Empty : " in " + E(only)).Append(".</p>\n");

        html.Append("<table class=\"summary\"><tr>")
            .Append(Card("Items with personal data", data.Count, "items"))
            .Append(Card("Locations", locations.Count, "locations"))
            .Append(Card("Categories", perCategory.Count, "categories"))
            .Append(Card("Items with special categories", special.Count, "specialItems", special.Count > 0))
            .Append(Card("Items not read", notRead.Count, "notRead", notRead.Count > 0))
            .Append(Card("Items read in part", partial.Count, "partial", partial.Count > 0))
            .Append("</tr></table>\n");

        html.Append("<h2>Items per category</h2>\n");
        html.Append(BarChart(perCategory.Select(c => (Label: c.Key, Value: c.Value, Highlight: IsSpecial(c.Key))).ToList(), "category"));

        html.Append("<h2>Category by location</h2>\n");
        html.Append(HeatMap(measures.Where(m => m.Category != FindingMeasurer.NotScannedCategory).ToList(), locations.Select(l => l.Location).ToList(), only));

        html.Append("<h2>Special categories (Art. 9 and 10)</h2>\n");
        if (special.Count == 0)
        {
            html.Append("<p>None found.</p>\n");
        }
        else
        {
            html.Append("<p class=\"warn\">These need a condition of Art. 9(2) (or Art. 10) besides a legal basis: check each.</p>\n<table><tr><th>Location</th><th>Special categories</th><th>Items</th></tr>\n");
            var places = special.GroupBy(Place).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var group in places.Take(MaxRows))
            {
                html.Append("<tr class=\"special\"><td>").Append(E(group.Key)).Append("</td><td>")
                    .Append(E(string.Join(", ", Split(string.Join(";", group.Select(f => f.Categories))).Where(IsSpecial).Distinct().OrderBy(Order))))
                    .Append("</td><td class=\"n\" data-metric=\"special:").Append(E(group.Key)).Append("\">").Append(Count(group.Count())).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
            if (places.Count > MaxRows)
            {
                html.Append("<p>").Append(Count(places.Count - MaxRows)).Append(" more locations with special categories; Measure-PersonalData -By Location lists all.</p>\n");
            }
        }

        html.Append("<h2>What could not be read, and why</h2>\n");
        var unread = notRead.Concat(partial).GroupBy(f => (f.Status, Reason: ReasonOf(f))).OrderByDescending(g => g.Count()).ToList();
        if (unread.Count == 0)
        {
            html.Append("<p>Every item was read in full.</p>\n");
        }
        else
        {
            html.Append("<table><tr><th>Status</th><th>Reason</th><th>Items</th></tr>\n");
            foreach (var group in unread.Take(MaxRows))
            {
                html.Append("<tr><td>").Append(E(group.Key.Status.ToString())).Append("</td><td>").Append(E(group.Key.Reason))
                    .Append("</td><td class=\"n\" data-metric=\"unread:").Append(E(group.Key.Reason)).Append("\">").Append(Count(group.Count())).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
            if (unread.Count > MaxRows)
            {
                html.Append("<p>").Append(Count(unread.Skip(MaxRows).Sum(g => g.Count()))).Append(" more items, for ").Append(Count(unread.Count - MaxRows)).Append(" other reasons.</p>\n");
            }
        }

        html.Append("<h2>Top locations</h2>\n");
        html.Append(BarChart(locations.Take(TopLocations).Select(l => (Label: l.Location, Value: l.Items, Highlight: l.Categories.Any(IsSpecial))).ToList(), "location"));
        html.Append("<table><tr><th>Location</th><th>Items</th><th>Categories</th></tr>\n");
        foreach (var location in locations.Take(TopLocations))
        {
            html.Append("<tr><td>").Append(E(location.Location)).Append("</td><td class=\"n\" data-metric=\"location:").Append(E(location.Location)).Append("\">")
                .Append(Count(location.Items)).Append("</td><td>").Append(E(string.Join(", ", location.Categories.OrderBy(Order)))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (locations.Count > TopLocations)
        {
            html.Append("<p>").Append(Count(locations.Count - TopLocations)).Append(" more locations; Measure-PersonalData -By Location lists all.</p>\n");
        }

        return End(html);
    }

    /// <summary>A case: where it stands, its timeline from the audit log, and (when given) what its sweep found where.</summary>
    public static string Case(CaseStatusReport report, IReadOnlyList<Finding>? findings = null, DateTime? today = null, DateTimeOffset? generated = null)
    {
        var value = report.Case;
        var html = Start("Case " + value.CaseId, generated);
        html.Append("<table class=\"summary\"><tr>")
            .Append(Card("Type", value.Type.ToString(), "type"))
            .Append(Card("Status", value.Status.ToString(), "status"))
            .Append(Card("Received", Day(value.Received), "received"))
            .Append(Card("Due" + (report.Extended ? " (extended)" : string.Empty), Day(report.Due), "due", report.Overdue))
            .Append(report.DaysLeft is { } left ? Card(left < 0 ? "Days overdue" : "Days left", Math.Abs(left), "daysLeft", left < 0) : Card("Completed", Day(value.CompletedOn ?? value.Received), "completed"))
            .Append(Card("Sweeps", report.Sweeps, "sweeps"))
            .Append(Card("Exports", report.Exports, "exports"))
            .Append(Card("Removals", report.Removals, "removals"))
            .Append("</tr></table>\n");
        if (value.Resolution is not null)
        {
            html.Append("<p>Resolution: ").Append(E(value.Resolution)).Append("</p>\n");
        }

        if (value.ExtensionReason is not null)
        {
            html.Append("<p>Extended on ").Append(Day(value.ExtendedOn!.Value)).Append(": ").Append(E(value.ExtensionReason)).Append("</p>\n");
        }

        html.Append("<h2>Timeline</h2>\n").Append(Timeline(report, today ?? DateTime.Today));
        html.Append("<table><tr><th>Time (UTC)</th><th>Action</th><th>Command</th><th>Counts</th><th>Outcome</th></tr>\n");
        foreach (var record in report.History)
        {
            html.Append("<tr").Append(record.Outcome is "Failed" or "CompletedWithErrors" or "Stopped" ? " class=\"special\"" : string.Empty).Append("><td>")
                .Append(record.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(record.Action))
                .Append("</td><td>").Append(E(record.Command)).Append("</td><td>").Append(E(record.Counts.Replace(";", ", ")))
                .Append("</td><td>").Append(E(record.Outcome)).Append("</td></tr>\n");
        }

        if (report.History.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\">Nothing recorded under this case id yet: run sweeps, exports and removals with -CaseId.</td></tr>\n");
        }

        html.Append("</table>\n");
        if (findings is { Count: > 0 })
        {
            html.Append("<h2>What was found where</h2>\n");
            var data = findings.Where(HoldsData).ToList();
            html.Append(BarChart(data.GroupBy(LocationOf).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TopLocations)
                .Select(g => (Label: g.Key, Value: g.Count(), Highlight: g.Any(f => Split(f.Categories).Any(IsSpecial)))).ToList(), "location"));
        }

        return End(html);
    }

    /// <summary>
    /// Mailbox retention (Test-MailboxRetention rows): compliance per mailbox and folder, what is over the limit in
    /// messages and bytes, and, when rows of several runs are given (told apart by their cutoff), the trend across them.
    /// </summary>
    public static string MailboxRetention(IReadOnlyList<GdprOps.Retention.MailboxRetentionResult> rows, string? title = null, DateTimeOffset? generated = null)
    {
        var runs = rows.GroupBy(r => r.Cutoff).OrderBy(g => g.Key).ToList();
        var latest = runs.Count == 0 ? new List<GdprOps.Retention.MailboxRetentionResult>() : runs[runs.Count - 1].ToList();
        var html = Start(title ?? "Mailbox retention", generated);
        if (runs.Count > 0)
        {
            html.Append("<p class=\"lead\">Mail older than the rule allows, as of the cutoff ")
                .Append(E(runs[runs.Count - 1].Key.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append(" UTC")
                .Append(runs.Count > 1 ? ", with the trend over " + Count(runs.Count) + " runs" : string.Empty).Append(".</p>\n");
        }

        var mailboxes = latest.GroupBy(r => r.Mailbox, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Mailbox: g.Key, Folders: g.Count(), Violations: g.Sum(r => r.ViolationCount), Bytes: g.Sum(r => r.ViolationSizeBytes)))
            .OrderByDescending(m => m.Bytes).ThenByDescending(m => m.Violations).ThenBy(m => m.Mailbox, StringComparer.OrdinalIgnoreCase).ToList();
        html.Append("<table class=\"summary\"><tr>")
            .Append(Card("Mailboxes", mailboxes.Count, "mailboxes"))
            .Append(Card("Folders checked", latest.Count, "folders"))
            .Append(Card("Folders over the limit", latest.Count(r => !r.Compliant), "nonCompliantFolders", latest.Any(r => !r.Compliant)))
            .Append(Card("Mailboxes over the limit", mailboxes.Count(m => m.Violations > 0), "nonCompliantMailboxes", mailboxes.Any(m => m.Violations > 0)))
            .Append(Card("Messages over the limit", latest.Sum(r => r.ViolationCount), "violations", latest.Any(r => !r.Compliant)))
            .Append(Card("MB over the limit", (latest.Sum(r => r.ViolationSizeBytes) / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture), "megabytes"))
            .Append("</tr></table>\n");

        if (runs.Count > 1)
        {
            html.Append("<h2>Trend</h2>\n").Append(BarChart(runs.Select(g => (Label: g.Key.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Value: g.Sum(r => r.ViolationCount), Highlight: false)).ToList(), "run"));
        }

        html.Append("<h2>Messages over the limit per mailbox</h2>\n");
        html.Append(BarChart(mailboxes.Where(m => m.Violations > 0).Take(TopLocations).Select(m => (Label: m.Mailbox, Value: m.Violations, Highlight: true)).ToList(), "mailbox"));
        html.Append("<h2>Compliance per mailbox and folder</h2>\n<table><tr><th>Mailbox</th><th>Folder</th><th>Messages</th><th>Over the limit</th><th>MB over</th><th>Oldest</th></tr>\n");
        foreach (var row in latest.OrderBy(r => r.Compliant).ThenBy(r => r.Mailbox, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Folder, StringComparer.OrdinalIgnoreCase))
        {
            html.Append(row.Compliant ? "<tr>" : "<tr class=\"special\">").Append("<td>").Append(E(row.Mailbox)).Append("</td><td>").Append(E(row.Folder))
                .Append("</td><td class=\"n\">").Append(row.MessageCount.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\" data-metric=\"over:").Append(E(row.Mailbox + "/" + row.Folder)).Append("\">").Append(Count(row.ViolationCount))
                .Append("</td><td class=\"n\">").Append((row.ViolationSizeBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(row.OldestItem is { } oldest ? Day(oldest.UtcDateTime) : string.Empty).Append("</td></tr>\n");
        }

        return End(html.Append("</table>\n"));
    }

    private static bool HoldsData(Finding f) => f.Status != ScanStatus.NotScanned && (Split(f.Categories).Any() || f.SubjectMatches.Length > 0);

    private static SortedDictionary<string, int> Categories(IEnumerable<Finding> findings)
    {
        var counts = new SortedDictionary<string, int>(Comparer<string>.Create((a, b) => Order(a) != Order(b) ? Order(a).CompareTo(Order(b)) : string.CompareOrdinal(a, b)));
        foreach (string category in findings.SelectMany(f => Split(f.Categories).Distinct()))
        {
            counts[category] = counts.TryGetValue(category, out int n) ? n + 1 : 1;
        }

        return counts;
    }

    private static string LocationOf(Finding f) => Label(f.Source, f.Location, null);

    /// <summary>"source › folder"; with one source only the folder ("(top)" for the source itself).</summary>
    private static string Label(string source, string location, string? onlySource) =>
        onlySource is not null ? (location.Length == 0 ? "(top)" : location) : location.Length == 0 ? source : source + " › " + location;

    private static string ReasonOf(Finding f) => string.IsNullOrWhiteSpace(f.StatusReason) ? "(no reason given)" : f.StatusReason!;

    private static IEnumerable<string> Split(string categories) => categories.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsSpecial(string category) => category.StartsWith("ART9_", StringComparison.Ordinal) || category.StartsWith("ART10_", StringComparison.Ordinal);

    private static int Order(string category) => DetectorIds.CatalogueIndex(category) is >= 0 and var i ? i : int.MaxValue;

    /// <summary>Horizontal bars, one per label, the value written beside each; highlighted bars are special categories.</summary>
    private static string BarChart(IReadOnlyList<(string Label, int Value, bool Highlight)> bars, string kind)
    {
        if (bars.Count == 0)
        {
            return "<p>Nothing to chart.</p>\n";
        }

        const int labelWidth = 260, barWidth = 420, rowHeight = 24;
        int max = Math.Max(1, bars.Max(b => b.Value));
        var svg = new StringBuilder();
        svg.Append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(labelWidth + barWidth + 60).Append("\" height=\"").Append(bars.Count * rowHeight + 8)
            .Append("\" aria-label=\"Items per ").Append(kind).Append("\">\n");
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, value, highlight) = bars[i];
            int y = i * rowHeight + 4;
            int width = Math.Max(2, (int)Math.Round((double)value / max * barWidth));
            svg.Append("<g data-").Append(kind).Append("=\"").Append(E(label)).Append("\" data-items=\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<title>").Append(E(label)).Append(": ").Append(Count(value)).Append("</title>")
                .Append("<text x=\"").Append(labelWidth - 8).Append("\" y=\"").Append(y + 16).Append("\" text-anchor=\"end\">").Append(E(Shorten(label, 38))).Append("</text>")
                .Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(width).Append("\" height=\"").Append(rowHeight - 6)
                .Append("\" fill=\"").Append(highlight ? Special : Accent).Append("\"/>")
                .Append("<text x=\"").Append(labelWidth + width + 6).Append("\" y=\"").Append(y + 16).Append("\">").Append(Count(value)).Append("</text></g>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Categories down, the top locations across; a cell's shade grows with its items, special categories in red.</summary>
    private static string HeatMap(IReadOnlyList<PersonalDataMeasure> measures, IReadOnlyList<string> locationsByItems, string? onlySource)
    {
        if (measures.Count == 0)
        {
            return "<p>No personal data found.</p>\n";
        }

        var columns = locationsByItems.Take(TopLocations).ToList();
        var cells = measures.GroupBy(m => (m.Category, Location: Label(m.Source, m.Location, onlySource)))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Items));
        var categories = measures.Select(m => m.Category).Distinct().OrderBy(Order).ThenBy(c => c, StringComparer.Ordinal).ToList();
        int max = Math.Max(1, cells.Values.DefaultIfEmpty(0).Max());
        var html = new StringBuilder("<div class=\"wide\"><table class=\"heat\"><tr><th>Category</th>");
        foreach (string column in columns)
        {
            html.Append("<th class=\"loc\" title=\"").Append(E(column)).Append("\">").Append(E(Shorten(column, 28))).Append("</th>");
        }

        if (locationsByItems.Count > columns.Count)
        {
            html.Append("<th class=\"loc\">other locations</th>");
        }

        html.Append("</tr>\n");
        foreach (string category in categories)
        {
            bool special = IsSpecial(category);
            html.Append("<tr><th").Append(special ? " class=\"special\"" : string.Empty).Append('>').Append(E(category)).Append("</th>");
            foreach (string column in columns)
            {
                cells.TryGetValue((category, column), out int items);
                html.Append(Cell(items, max, special, "cell:" + category + "@" + column));
            }

            if (locationsByItems.Count > columns.Count)
            {
                int rest = cells.Where(c => c.Key.Category == category && !columns.Contains(c.Key.Location)).Sum(c => c.Value);
                html.Append(Cell(rest, max, special, "cell:" + category + "@other"));
            }

            html.Append("</tr>\n");
        }

        return html.Append("</table></div>\n").ToString();

        static string Cell(int items, int max, bool special, string metric)
        {
            if (items == 0)
            {
                return "<td class=\"n empty\"></td>";
            }

            double alpha = 0.15 + (0.85 * items / max);
            string rgb = special ? "179,38,30" : "31,95,191";
            return "<td class=\"n\" style=\"background:rgba(" + rgb + "," + alpha.ToString("0.00", CultureInfo.InvariantCulture) + ");color:" + (alpha > 0.55 ? "#fff" : "#000")
                + "\" data-metric=\"" + E(metric) + "\">" + Count(items) + "</td>";
        }
    }

    /// <summary>From receipt to the deadline (or the last activity): the audit lines as marks, the deadline as a line.</summary>
    private static string Timeline(CaseStatusReport report, DateTime today)
    {
        var value = report.Case;
        DateTime start = value.Received.Date;
        DateTime end = new[] { report.Due, today.Date, report.LastActivity?.UtcDateTime.Date ?? start, value.CompletedOn ?? start }.Max();
        double days = Math.Max(1, (end - start).TotalDays);
        const int left = 20, width = 760, axis = 70;
        double X(DateTime when) => left + (width * Math.Min(1, Math.Max(0, (when - start).TotalDays / days)));
        var svg = new StringBuilder();
        svg.Append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(left + width + 40).Append("\" height=\"130\" aria-label=\"Case timeline\">\n")
            .Append("<line x1=\"").Append(left).Append("\" y1=\"").Append(axis).Append("\" x2=\"").Append(left + width).Append("\" y2=\"").Append(axis).Append("\" stroke=\"#555\"/>\n");
        Mark(start, "Received " + Day(start), "#555", 112);
        Mark(report.Due, "Due " + Day(report.Due), report.Overdue ? Special : "#555", 112);
        if (value.Status == CaseStatus.Open)
        {
            Mark(today.Date, "Today", "#888", 28);
        }

        if (value.CompletedOn is { } completed)
        {
            Mark(completed, "Completed " + Day(completed), "#1a7f37", 28);
        }

        int lane = 0;
        foreach (var record in report.History)
        {
            double x = X(record.Time.UtcDateTime);
            string colour = record.Outcome is "Failed" or "CompletedWithErrors" or "Stopped" ? Special : Accent;
            svg.Append("<g data-action=\"").Append(E(record.Action)).Append("\"><title>").Append(E(record.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + record.Action + " " + record.Outcome))
                .Append("</title><circle cx=\"").Append(F(x)).Append("\" cy=\"").Append(axis).Append("\" r=\"6\" fill=\"").Append(colour).Append("\"/>")
                .Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(axis - 14 - (lane % 2 * 14)).Append("\" text-anchor=\"middle\" font-size=\"11\">").Append(E(record.Action)).Append("</text></g>\n");
            lane++;
        }

        return svg.Append("</svg>\n").ToString();

        void Mark(DateTime when, string label, string colour, int y)
        {
            double x = X(when);
            svg.Append("<line x1=\"").Append(F(x)).Append("\" y1=\"").Append(axis - 30).Append("\" x2=\"").Append(F(x)).Append("\" y2=\"").Append(axis + 30)
                .Append("\" stroke=\"").Append(colour).Append("\" stroke-dasharray=\"4 3\"/><text x=\"").Append(F(x)).Append("\" y=\"").Append(y)
                .Append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"").Append(colour).Append("\">").Append(E(label)).Append("</text>\n");
        }
    }

    private static StringBuilder Start(string title, DateTimeOffset? generated)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<meta name=\"generator\" content=\"GdprOps\"><title>").Append(E(title)).Append("</title><style>\n")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:64em;padding:0 1em;color:#111}\n")
            .Append("h1{margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:.2em}\n")
            .Append("table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}\n")
            .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}td.empty{background:#fafafa}\n")
            .Append("table.summary td{border:none;padding:.6em 1em;background:#f2f5fa}table.summary .v{font-size:1.6em;font-weight:600}table.summary td.alert{background:#fbeaea}\n")
            .Append("table.heat th.loc{writing-mode:vertical-rl;transform:rotate(180deg);max-height:14em;font-weight:normal}\n")
            .Append(".special,th.special{color:").Append(Special).Append("}tr.special td{background:#fbeaea}.warn{color:").Append(Special).Append("}\n")
            .Append(".wide{overflow-x:auto}svg.chart text{font-size:12px;fill:#111}.lead{color:#444}\n")
            .Append("@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}.wide{overflow:visible}}\n")
            .Append("</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"lead\">Generated ")
            .Append((generated ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC by GdprOps. No values are shown: categories, places and counts only.</p>\n");
        return html;
    }

    private static string End(StringBuilder html) => html.Append("</body></html>\n").ToString();

    private static string Card(string label, int value, string metric, bool alert = false) => Card(label, Count(value), metric, alert);

    private static string Card(string label, string value, string metric, bool alert = false) =>
        "<td" + (alert ? " class=\"alert\"" : string.Empty) + "><div class=\"v\" data-metric=\"" + E(metric) + "\">" + E(value) + "</div>" + E(label) + "</td>";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text.Substring(text.Length - max + 1);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
