using System.IO;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using MimeKit;
using UglyToad.PdfPig.Writer;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Testing;

/// <summary>Builds real documents in memory with the same libraries the engine reads them with.</summary>
internal static class TestDocuments
{
    public static byte[] Docx(string body, string? header = null, string? comment = null, string? creator = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(new W.Paragraph(new W.Run(new W.Text(body)))));
            if (header is not null)
            {
                var headerPart = main.AddNewPart<HeaderPart>();
                headerPart.Header = new W.Header(new W.Paragraph(new W.Run(new W.Text(header))));
            }

            if (comment is not null)
            {
                var comments = main.AddNewPart<WordprocessingCommentsPart>();
                comments.Comments = new W.Comments(new W.Comment(new W.Paragraph(new W.Run(new W.Text(comment)))) { Id = "1" });
            }

            if (creator is not null)
            {
                document.PackageProperties.Creator = creator;
            }
        }

        return stream.ToArray();
    }

    /// <summary>A Word document whose body is <paramref name="body"/> (paragraphs, tables), as Word writes them.</summary>
    public static byte[] WordBody(params OpenXmlElement[] body) => WordBody(null, body);

    /// <summary>
    /// The same with a hyperlink as Word writes one: its text in the body (a w:hyperlink of id "link1" there) and its target
    /// (<paramref name="link"/>) in the part's relationships.
    /// </summary>
    public static byte[] WordBody(string? link, params OpenXmlElement[] body)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(body));
            if (link is not null)
            {
                main.AddHyperlinkRelationship(new System.Uri(link), true, "link1");
            }
        }

        return stream.ToArray();
    }

    /// <summary>A slide with one paragraph of <paramref name="runs"/> (text runs, line breaks).</summary>
    public static byte[] PptxParagraph(params OpenXmlElement[] runs)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new P.Presentation();
            var slide = presentation.AddNewPart<SlidePart>();
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(new P.Shape(new P.TextBody(new A.BodyProperties(), new A.Paragraph(runs))))));
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(string sharedText, string inlineText, double number)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new S.SharedStringTable(new S.SharedStringItem(new S.Text(sharedText)));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new S.Worksheet(new S.SheetData(new S.Row(
                new S.Cell { DataType = S.CellValues.SharedString, CellValue = new S.CellValue("0") },
                new S.Cell { DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(inlineText)) },
                new S.Cell { CellValue = new S.CellValue(number) })));
            workbook.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "People" }));
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A workbook of one worksheet per entry of <paramref name="sheets"/>, each a list of rows of cells from column A on; a
    /// null cell is left out of its row, as Excel writes an empty cell (the next cell's reference says its column).
    /// </summary>
    public static byte[] Workbook(params string?[][][] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook();
            var list = new S.Sheets();
            for (int k = 0; k < sheets.Length; k++)
            {
                var data = new S.SheetData();
                for (int r = 0; r < sheets[k].Length; r++)
                {
                    var row = new S.Row { RowIndex = (uint)(r + 1) };
                    for (int c = 0; c < sheets[k][r].Length; c++)
                    {
                        if (sheets[k][r][c] is { } value)
                        {
                            string column = c < 26 ? ((char)('A' + c)).ToString() : ((char)('A' + (c / 26) - 1)).ToString() + (char)('A' + (c % 26));
                            row.Append(new S.Cell { CellReference = column + (r + 1), DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(value)) });
                        }
                    }

                    data.Append(row);
                }

                var sheet = workbook.AddNewPart<WorksheetPart>();
                sheet.Worksheet = new S.Worksheet(data);
                list.Append(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = (uint)(k + 1), Name = "Sheet" + (k + 1) });
            }

            workbook.Workbook.AppendChild(list);
        }

        return stream.ToArray();
    }

    public static byte[] Pptx(string slideText, string notesText)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new P.Presentation();
            var slide = presentation.AddNewPart<SlidePart>();
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(new P.Shape(new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(slideText))))))));
            var notes = slide.AddNewPart<NotesSlidePart>();
            notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(new P.Shape(new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(notesText))))))));
        }

        return stream.ToArray();
    }

    public static byte[] Pdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        foreach (string text in pages)
        {
            builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(text, 11, new UglyToad.PdfPig.Core.PdfPoint(50, 780), font);
        }

        return builder.Build();
    }

    /// <summary>One page of <paramref name="lines"/>, each a line of its own below the one before (a letter's paragraph as a PDF sets it).</summary>
    public static byte[] PdfLines(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        for (int i = 0; i < lines.Length; i++)
        {
            page.AddText(lines[i], 11, new UglyToad.PdfPig.Core.PdfPoint(50, 780 - (14 * i)), font);
        }

        return builder.Build();
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(content, 0, content.Length);
            }
        }

        return stream.ToArray();
    }

    public static byte[] Eml(string from, string subject, string textBody, string? htmlBody = null, (string Name, byte[] Content)? attachment = null, MimeMessage? attached = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@nordlys.example"));
        message.Subject = subject;
        var builder = new BodyBuilder { TextBody = textBody, HtmlBody = htmlBody };
        if (attachment is { } a)
        {
            builder.Attachments.Add(a.Name, a.Content);
        }

        if (attached is not null)
        {
            builder.Attachments.Add(new MessagePart { Message = attached });
        }

        message.Body = builder.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
