using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.Detection.Discovery;
using GdprOps.Extraction;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// A report or an export mailed as HTML is a table: its header cells label every cell below them, as a CSV header or a
/// worksheet's first row does (<see cref="TableLabelTests"/>). Before, each cell was a line of its own and only the rows
/// within a context word's reach of the header were counted.
/// </summary>
public class HtmlTableLabelTests
{
    [Fact]
    public async Task Every_row_of_a_labelled_column_in_an_html_report_is_counted()
    {
        var bsns = TableLabelTests.Bsns().Take(200).ToList();
        var html = new StringBuilder("<html><body><p>Hierbij het overzicht.</p><table><thead><tr><th>Naam</th><th>BSN</th><th>Ordernummer</th></tr></thead><tbody>");
        html.Append(Filler(3));
        for (int i = 0; i < bsns.Count; i++)
        {
            html.Append("<tr><td>Jan de Vries</td><td>").Append(bsns[i]).Append("</td><td>").Append(bsns[(i + 100) % bsns.Count]).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></body></html>");

        var counts = (await TableLabelTests.Discover(Encoding.UTF8.GetBytes(html.ToString()), "overzicht.html")).CategoryCounts(65);

        // The order numbers pass the eleven test too, but stand under "Ordernummer": exactly the BSN column is counted (the
        // filler rows keep the header's "BSN" out of every number's 300 characters).
        Assert.Equal(200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task A_data_table_inside_a_newsletters_layout_tables_keeps_its_labels_and_the_layout_text_is_kept()
    {
        var bsns = TableLabelTests.Bsns().Take(120).ToList();
        var html = new StringBuilder("<table><tr><td>Nyhedsbrev</td><td>Uge 48</td></tr><tr><td><table><tr><td>Kontakt: info@nordlys.example</td></tr></table>");
        html.Append("<table><tr><th>Navn</th><th>BSN</th></tr>");
        foreach (string number in bsns)
        {
            html.Append("<tr><td>Eva Holm</td><td>").Append(number).Append("</td></tr>");
        }

        html.Append("</table></td></tr></table>");

        var accumulator = await TableLabelTests.Discover(Encoding.UTF8.GetBytes(html.ToString()), "brev.html");
        var counts = accumulator.CategoryCounts(65);

        Assert.Equal(120, counts[DetectorIds.NlBsn]);
        Assert.Equal(1, counts[DetectorIds.Email]);
    }

    [Fact]
    public async Task Cells_spanning_rows_and_columns_keep_the_values_under_their_labels()
    {
        // Afdeling spans five rows; the name spans two columns on every other row. Without the spans, the BSN would stand
        // under "Afdeling", "Fornavn" or "Efternavn" on most rows.
        var bsns = TableLabelTests.Bsns().Take(200).ToList();
        var html = new StringBuilder("<table><tr><th>Afdeling</th><th>Fornavn</th><th>Efternavn</th><th>BSN</th></tr>").Append(Filler(4));
        for (int i = 0; i < bsns.Count; i++)
        {
            html.Append("<tr>").Append(i % 5 == 0 ? "<td rowspan=\"5\">Salg</td>" : string.Empty)
                .Append(i % 2 == 0 ? "<td colspan=\"2\">Jens Holm</td>" : "<td>Jens</td><td>Holm</td>")
                .Append("<td>").Append(bsns[i]).Append("</td></tr>");
        }

        html.Append("</table>");

        var counts = (await TableLabelTests.Discover(Encoding.UTF8.GetBytes(html.ToString()), "afdelinger.html")).CategoryCounts(65);

        Assert.Equal(200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task A_title_row_above_the_header_is_passed_over_and_a_data_row_is_not()
    {
        var bsns = TableLabelTests.Bsns().Take(100).ToList();
        string Table(string above) =>
            "<table>" + above + "<tr><th>Navn</th><th>BSN</th></tr>" + Filler(2)
            + string.Concat(bsns.Select(b => "<tr><td>Eva Holm</td><td>" + b + "</td></tr>")) + "</table>";

        var titled = (await TableLabelTests.Discover(Encoding.UTF8.GetBytes(Table("<tr><th colspan=\"2\">Medarbejdere 2026</th></tr>")), "a.html")).CategoryCounts(65);
        // A first row of data: the row that reads as labels below it is data too, not the table's header.
        var data = (await TableLabelTests.Discover(Encoding.UTF8.GetBytes(Table("<tr><td>Jens Holm</td><td>Salg</td></tr>")), "b.html")).CategoryCounts(65);

        Assert.Equal(100, titled[DetectorIds.NlBsn]);
        Assert.False(data.ContainsKey(DetectorIds.NlBsn));
    }

    [Fact]
    public async Task A_page_of_a_thousand_tables_reads_each_row_under_its_own_tables_labels_and_keeps_few()
    {
        // Alternate tables label their number column "BSN" and "Ordrenummer", far enough apart that no word reaches across.
        // The chunks carry only the tables that can still label their text (a page of many tables kept them all before).
        var numbers = TableLabelTests.Bsns().Take(1000).ToList();
        var html = new StringBuilder("<html><body>");
        for (int i = 0; i < numbers.Count; i++)
        {
            html.Append("<table><tr><th>Naam</th><th>").Append(i % 2 == 0 ? "BSN" : "Ordrenummer").Append("</th></tr>").Append(Filler(1, 45))
                .Append("<tr><td>Jan</td><td>").Append(numbers[i]).Append("</td></tr>").Append(Filler(1, 45)).Append("</table>");
        }

        html.Append("</body></html>");
        var accumulator = new DiscoveryAccumulator();
        int most = 0;
        var scanner = new DiscoveryScanner(today: new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));
        var sink = new ChunkingTextSink(chunk =>
        {
            most = Math.Max(most, chunk.Tables?.Count ?? 0);
            scanner.ScanInto(accumulator, chunk);
        }, chunkChars: 8192);
        await new ContentExtractor().ExtractAsync(new MemoryStream(Encoding.UTF8.GetBytes(html.ToString())), "p.html", ".html", sink, default);

        Assert.Equal(500, accumulator.CategoryCounts(65)[DetectorIds.NlBsn]);
        Assert.InRange(most, 1, 200);
    }

    [Fact]
    public async Task Text_after_a_table_is_no_row_of_it()
    {
        var html = new StringBuilder("<table><tr><th>BSN</th><th>Naam</th></tr>").Append(Filler(2)).Append("</table>");
        foreach (string number in TableLabelTests.Bsns().Take(50))
        {
            html.Append("<p>Factuur ").Append(number).Append("</p>");
        }

        var counts = (await TableLabelTests.Discover(Encoding.UTF8.GetBytes(html.ToString()), "facturen.html")).CategoryCounts(65);

        Assert.False(counts.ContainsKey(DetectorIds.NlBsn));
    }

    [Fact]
    public async Task A_tables_rows_are_lines_of_cells_and_nothing_in_it_is_lost()
    {
        const string html = "<table><caption>Kunder</caption><tr><th>Navn</th><th>E-mail</th></tr>"
            + "<tr><td>Anna\nHolm</td><td><a href=\"mailto:anna%40nordlys.example\">skriv</a><script>var x='skjult@script.example'</script></td></tr>"
            + "<tr><td>Ole</td></tr>løs tekst</table><p>Efter</p>";

        string text = await Extract(html);

        Assert.Contains("Navn\tE-mail\t\n", text, StringComparison.Ordinal);
        Assert.Contains("Anna Holm\tmailto:anna@nordlys.example skriv\t\n", text, StringComparison.Ordinal);
        Assert.Contains("Ole\t\n", text, StringComparison.Ordinal);
        Assert.Contains("Kunder", text, StringComparison.Ordinal);
        Assert.Contains("løs tekst", text, StringComparison.Ordinal);
        Assert.Contains("Efter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("skjult", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spans_from_a_hostile_document_do_not_multiply_its_text()
    {
        // 10,000 rows of "colspan=1000" and "rowspan=65534": a few bytes each must not become a thousand tabs each.
        var html = new StringBuilder("<table><tr><td rowspan=\"65534\" colspan=\"1000\">x</td></tr>");
        for (int i = 0; i < 10_000; i++)
        {
            html.Append("<tr><td colspan=\"1000\">y</td></tr>");
        }

        html.Append("</table>");

        string text = await Extract(html.ToString());

        Assert.True(text.Length < html.Length, $"{text.Length} characters from {html.Length}");
        Assert.Equal(10_001, text.Count(c => c == '\n'));
    }

    /// <summary>Rows (sixty: 600 characters or more between a header and what follows) of <paramref name="cells"/> cells without a number.</summary>
    private static string Filler(int cells, int rows = 60) => string.Concat(Enumerable.Repeat("<tr>" + string.Concat(Enumerable.Repeat("<td>ingen</td>", cells)) + "</tr>", rows));

    private static async Task<string> Extract(string html)
    {
        var text = new StringBuilder();
        var sink = new ChunkingTextSink(chunk => text.Append(chunk.Text), chunkChars: 1 << 20);
        await new ContentExtractor().ExtractAsync(new MemoryStream(Encoding.UTF8.GetBytes(html)), "t.html", ".html", sink, default);
        sink.Complete();
        return text.ToString();
    }
}
