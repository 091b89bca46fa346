using System;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Testing;
using Xunit;
using A = DocumentFormat.OpenXml.Drawing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Tests.Extraction;

/// <summary>
/// What Word and PowerPoint write between the letters of a run: a line break (Shift+Enter), a tab, a non-breaking hyphen.
/// Read as nothing, they glue what stands on either side ("Jens Holm" + line break + "Vestergade 12" read as
/// "Jens HolmVestergade 12"), and the name, the house number and the postcode after it are lost.
/// </summary>
public class OfficeLayoutTests
{
    [Fact]
    public async Task Word_line_breaks_tabs_and_non_breaking_hyphens_keep_what_they_separate_apart()
    {
        var address = new W.Paragraph(new W.Run(
            new W.Text("Jens Holm"), new W.Break(), new W.Text("Vestergade 12"), new W.CarriageReturn(), new W.Text("8000 Aarhus C"),
            new W.TabChar(), new W.Text("CPR"), new W.TabChar(), new W.Text("150390"), new W.NoBreakHyphen(), new W.Text("1230")));

        var (_, parts) = await FormatTests.Extract(TestDocuments.WordBody(address), "brev.docx");

        Assert.Equal("Jens Holm\nVestergade 12\n8000 Aarhus C\tCPR\t150390-1230\n", parts["Body"]);
    }

    [Fact]
    public async Task Word_text_deleted_in_tracked_changes_and_hyperlink_targets_are_read()
    {
        // Struck out in review but not accepted: the file still holds the CPR. The address is behind "skriv til hende".
        var deleted = new W.Paragraph(new W.Run(new W.Text("CPR ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
            new W.DeletedRun(new W.Run(new W.DeletedText("150390-1230"))) { Id = "1", Author = "HR" });
        var link = new W.Paragraph(
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
            new W.Run(new W.FieldCode(" HYPERLINK \"mailto:anna@fjord.example\" ")),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
            new W.Run(new W.Text("skriv til hende")),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End }));

        var (_, parts) = await FormatTests.Extract(TestDocuments.WordBody(deleted, link), "notat.docx");

        Assert.Contains("CPR 150390-1230\n", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("mailto:anna@fjord.example", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("skriv til hende", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Word_and_excel_hyperlink_targets_are_read()
    {
        // A letter's "skriv til Anna" and a mailing list's "Send mail": the address is only in the link.
        var paragraph = new W.Paragraph(new W.Run(new W.Text("Spørgsmål? ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
            new W.Hyperlink(new W.Run(new W.Text("skriv til Anna"))) { Id = "link1" });
        var (_, word) = await FormatTests.Extract(TestDocuments.WordBody("mailto:anna@fjord.example?subject=Sp%C3%B8rgsm%C3%A5l", paragraph), "brev.docx");

        byte[] workbook = TestDocuments.Workbook(new[] { new string?[] { "Navn", "Mail" }, new string?[] { "Anna Berg", "Send mail" } });
        using (var stream = new System.IO.MemoryStream())
        {
            stream.Write(workbook, 0, workbook.Length);
            using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
            {
                var sheet = document.WorkbookPart!.WorksheetParts.First();
                sheet.AddHyperlinkRelationship(new Uri("mailto:anna.berg@fjord.example"), true, "link1");
                sheet.Worksheet.Append(new DocumentFormat.OpenXml.Spreadsheet.Hyperlinks(new DocumentFormat.OpenXml.Spreadsheet.Hyperlink { Reference = "B2", Id = "link1" }));
            }

            workbook = stream.ToArray();
        }

        var (_, excel) = await FormatTests.Extract(workbook, "liste.xlsx");

        Assert.Contains("skriv til Anna", word["Body"], StringComparison.Ordinal);
        Assert.Contains("mailto:anna@fjord.example?subject=Spørgsmål\n", word["Body"], StringComparison.Ordinal);
        Assert.EndsWith("\nmailto:anna.berg@fjord.example\n", excel["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerPoint_line_breaks_keep_the_lines_apart()
    {
        var (_, parts) = await FormatTests.Extract(
            TestDocuments.PptxParagraph(new A.Run(new A.Text("Jens Holm")), new A.Break(), new A.Run(new A.Text("jens@nordlys.example"))), "deck.pptx");

        Assert.Equal("Jens Holm\njens@nordlys.example\n", parts["Body"]);
    }
}
