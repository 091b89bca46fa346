using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Detection.Discovery;
using GdprOps.Testing;
using GdprOps.Tests.Extraction;
using Xunit;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// A list of people kept as a table in a Word document: its header row labels every cell below it, as a CSV header, a
/// worksheet's first row or an HTML table's header does (<see cref="TableLabelTests"/>). Before, each cell's paragraph was
/// a line of its own and only rows within a context word's reach of the header counted.
/// </summary>
public class WordTableLabelTests
{
    [Fact]
    public async Task Every_row_of_a_labelled_column_in_a_word_table_is_counted()
    {
        var bsns = TableLabelTests.Bsns().Take(200).ToList();
        var rows = new List<W.TableRow> { Row("Naam", "BSN", "Ordernummer") };
        rows.AddRange(Filler(3));
        rows.AddRange(bsns.Select((b, i) => Row("Jan de Vries", b, bsns[(i + 100) % bsns.Count])));

        var counts = (await TableLabelTests.Discover(TestDocuments.WordBody(Paragraph("Deelnemers"), Table(3, rows)), "lijst.docx")).CategoryCounts(65);

        // The order numbers pass the eleven test too, but stand under "Ordernummer".
        Assert.Equal(200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task Merged_cells_keep_the_values_under_their_labels()
    {
        // gridSpan on every other row, gridBefore on every third; vertically merged cells are still cells in Word.
        var bsns = TableLabelTests.Bsns().Take(200).ToList();
        var rows = new List<W.TableRow> { Row("Afdeling", "Fornavn", "Efternavn", "BSN") };
        rows.AddRange(Filler(4));
        for (int i = 0; i < bsns.Count; i++)
        {
            var cells = new List<W.TableCell>();
            var properties = new W.TableRowProperties();
            if (i % 3 == 0)
            {
                properties.Append(new W.GridBefore { Val = 1 });
            }
            else
            {
                cells.Add(new W.TableCell(new W.TableCellProperties(new W.VerticalMerge { Val = W.MergedCellValues.Continue }), Paragraph(string.Empty)));
            }

            cells.AddRange(i % 2 == 0
                ? new[] { new W.TableCell(new W.TableCellProperties(new W.GridSpan { Val = 2 }), Paragraph("Jens Holm")) }
                : new[] { Cell("Jens"), Cell("Holm") });
            cells.Add(Cell(bsns[i]));
            rows.Add(new W.TableRow(new[] { (DocumentFormat.OpenXml.OpenXmlElement)properties }.Concat(cells)));
        }

        var counts = (await TableLabelTests.Discover(TestDocuments.WordBody(Table(4, rows)), "afdelinger.docx")).CategoryCounts(65);

        Assert.Equal(200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task Text_after_a_table_and_in_a_one_column_frame_is_read_as_paragraphs()
    {
        var rows = new List<W.TableRow> { Row("BSN", "Naam") };
        rows.AddRange(Filler(2));
        var body = new List<DocumentFormat.OpenXml.OpenXmlElement> { Table(2, rows) };
        body.AddRange(TableLabelTests.Bsns().Take(50).Select(b => Paragraph("Factuur " + b)));

        var counts = (await TableLabelTests.Discover(TestDocuments.WordBody(body.ToArray()), "facturen.docx")).CategoryCounts(65);
        var (_, parts) = await FormatTests.Extract(TestDocuments.WordBody(Table(1, new[] { new W.TableRow(new W.TableCell(Paragraph("Kære Anna"), Paragraph("Venlig hilsen"))) })), "brev.docx");

        Assert.False(counts.ContainsKey(DetectorIds.NlBsn));
        Assert.Equal("Kære Anna\nVenlig hilsen\n", parts["Body"]);
    }

    [Fact]
    public async Task A_tables_rows_are_lines_of_cells_and_a_table_in_a_cell_is_read_into_it()
    {
        var inner = Table(2, new[] { Row("indre", "tabel") });
        var rows = new[]
        {
            Row("Navn", "Noter"),
            new W.TableRow(Cell("Anna"), new W.TableCell(Paragraph("første"), Paragraph("anden"))),
            new W.TableRow(Cell("Ole"), new W.TableCell(inner, Paragraph("efter"))),
        };

        var (_, parts) = await FormatTests.Extract(TestDocuments.WordBody(Table(2, rows), Paragraph("Slut")), "notat.docx");

        Assert.Equal("Navn\tNoter\t\nAnna\tførste anden\t\nOle\tindre tabel efter\t\nSlut\n", parts["Body"]);
    }

    private static W.Table Table(int columns, IEnumerable<W.TableRow> rows) =>
        new(new[] { (DocumentFormat.OpenXml.OpenXmlElement)new W.TableProperties(), new W.TableGrid(Enumerable.Range(0, columns).Select(_ => new W.GridColumn { Width = "2000" })) }.Concat(rows));

    private static W.TableRow Row(params string[] cells) => new(cells.Select(Cell));

    private static W.TableCell Cell(string text) => new(Paragraph(text));

    private static W.Paragraph Paragraph(string text) => new(new W.Run(new W.Text(text)));

    /// <summary>Sixty rows without a number: the header's words are out of the numbers' reach.</summary>
    private static IEnumerable<W.TableRow> Filler(int cells) => Enumerable.Range(0, 60).Select(_ => Row(Enumerable.Repeat("ingen", cells).ToArray()));
}
