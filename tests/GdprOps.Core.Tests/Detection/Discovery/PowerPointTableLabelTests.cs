using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DocumentFormat.OpenXml.Packaging;
using GdprOps.Detection.Discovery;
using GdprOps.Tests.Extraction;
using Xunit;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// A list of people kept as a table on a slide: its header row labels every cell below it, as in a Word table
/// (<see cref="WordTableLabelTests"/>). Before, each cell's paragraph was a line of its own, and a BSN (which counts only
/// beside its word) further down than a context word's reach from the header was not found at all.
/// </summary>
public class PowerPointTableLabelTests
{
    [Fact]
    public async Task Every_row_of_a_labelled_column_in_a_slide_table_is_counted()
    {
        var bsns = TableLabelTests.Bsns().Take(200).ToList();
        var rows = new List<string[]> { new[] { "Naam", "BSN", "Ordernummer" } };
        rows.AddRange(Enumerable.Range(0, 60).Select(_ => new[] { "geen", "geen", "geen" }));
        rows.AddRange(bsns.Select((b, i) => new[] { "Jan de Vries", b, bsns[(i + 100) % bsns.Count] }));

        var counts = (await TableLabelTests.Discover(Slides(Table(rows)), "deelnemers.pptx")).CategoryCounts(65);

        // The order numbers pass the eleven test too, but stand under "Ordernummer".
        Assert.Equal(200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task A_slide_tables_rows_are_lines_of_cells_and_a_one_column_box_is_read_as_paragraphs()
    {
        var table = Table(new[] { new[] { "Navn", "Noter" }, new[] { "Anna", "første\nanden" }, new[] { string.Empty, "flettet" } });
        var box = Table(new[] { new[] { "Kære Anna" }, new[] { "Venlig hilsen" } });

        var (_, parts) = await FormatTests.Extract(Slides(table, box), "notat.pptx");

        Assert.Equal("Navn\tNoter\t\nAnna\tførste anden\t\n\tflettet\t\nKære Anna\nVenlig hilsen\n", parts["Body"]);
    }

    /// <summary>A presentation of one slide holding <paramref name="tables"/>, each in a graphic frame as PowerPoint writes it.</summary>
    internal static byte[] Slides(params A.Table[] tables)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new P.Presentation();
            var slide = presentation.AddNewPart<SlidePart>();
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(tables.Select(Frame))));
        }

        return stream.ToArray();
    }

    /// <summary><paramref name="table"/> in a graphic frame, as a slide holds it.</summary>
    internal static P.GraphicFrame Frame(A.Table table) => new(
        new P.NonVisualGraphicFrameProperties(new P.NonVisualDrawingProperties { Id = 4, Name = "Tabel" }, new P.NonVisualGraphicFrameDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
        new P.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 6_000_000, Cy = 3_000_000 }),
        new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" }));

    /// <summary>A DrawingML table: a grid column per cell of the first row; a cell's lines are paragraphs of their own.</summary>
    internal static A.Table Table(IReadOnlyList<string[]> rows)
    {
        var table = new A.Table(new A.TableProperties(), new A.TableGrid(rows[0].Select(_ => new A.GridColumn { Width = 2_000_000 })));
        foreach (var row in rows)
        {
            table.Append(new A.TableRow(row.Select(text => new A.TableCell(
                new A.TextBody(new[] { (DocumentFormat.OpenXml.OpenXmlElement)new A.BodyProperties(), new A.ListStyle() }.Concat(text.Split('\n').Select(line => new A.Paragraph(new A.Run(new A.Text(line)))))),
                new A.TableCellProperties()))) { Height = 370_840 });
        }

        return table;
    }
}
