using System;
using System.Collections.Generic;
using System.IO;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// Word, Excel and PowerPoint with the Open XML SDK's streaming reader: body text, headers, footers,
/// footnotes and comments; cell values and shared strings; slide and notes text; and document properties
/// ("Metadata"). The zip directory is checked first and MaxCharactersInPart stops single-part bombs.
/// </summary>
internal static class OoxmlExtractor
{
    public static void Extract(ExtractionContext context, Stream stream, ContentExtractor.Format format, string where)
    {
        using (ZipInspector.Open(stream, context.Budget))
        {
        }

        stream.Position = 0;
        var settings = new OpenSettings { MaxCharactersInPart = context.Budget.MaxCharactersInPart };
        try
        {
            switch (format)
            {
                case ContentExtractor.Format.Word:
                    using (var document = WordprocessingDocument.Open(stream, false, settings))
                    {
                        Word(context, document, where);
                        Properties(context, document, where);
                    }

                    break;
                case ContentExtractor.Format.Excel:
                    using (var document = SpreadsheetDocument.Open(stream, false, settings))
                    {
                        Excel(context, document, where);
                        Properties(context, document, where);
                    }

                    break;
                default:
                    using (var document = PresentationDocument.Open(stream, false, settings))
                    {
                        PowerPoint(context, document, where);
                        Properties(context, document, where);
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
        {
            throw new ExtractionLimitException("corrupt or over-budget Office file (" + ex.GetType().Name + ")", ex);
        }
    }

    private static void Word(ExtractionContext context, WordprocessingDocument document, string where)
    {
        var main = document.MainDocumentPart ?? throw new ExtractionLimitException("Word file without a main document part");
        var parts = new List<OpenXmlPart> { main };
        parts.AddRange(main.HeaderParts);
        parts.AddRange(main.FooterParts);
        if (main.FootnotesPart is { } footnotes)
        {
            parts.Add(footnotes);
        }

        if (main.EndnotesPart is { } endnotes)
        {
            parts.Add(endnotes);
        }

        if (main.WordprocessingCommentsPart is { } comments)
        {
            parts.Add(comments);
        }

        foreach (var part in parts)
        {
            Stream(context, part, where, typeof(W.Text), typeof(W.Paragraph));
        }
    }

    private static void PowerPoint(ExtractionContext context, PresentationDocument document, string where)
    {
        foreach (var slide in document.PresentationPart?.SlideParts ?? Array.Empty<SlidePart>())
        {
            Stream(context, slide, where, typeof(A.Text), typeof(A.Paragraph));
            if (slide.NotesSlidePart is { } notes)
            {
                Stream(context, notes, where, typeof(A.Text), typeof(A.Paragraph));
            }
        }
    }

    private static void Excel(ExtractionContext context, SpreadsheetDocument document, string where)
    {
        var workbook = document.WorkbookPart ?? throw new ExtractionLimitException("Excel file without a workbook part");
        var shared = new List<string>();
        if (workbook.SharedStringTablePart is { } table)
        {
            using var reader = OpenXmlReader.Create(table);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(S.SharedStringItem) && reader.IsStartElement)
                {
                    shared.Add(((S.SharedStringItem)reader.LoadCurrentElement()!).InnerText);
                }
            }
        }

        foreach (var sheet in workbook.WorksheetParts)
        {
            using var reader = OpenXmlReader.Create(sheet);
            var row = new System.Text.StringBuilder();
            while (reader.Read())
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (reader.ElementType == typeof(S.Cell) && reader.IsStartElement)
                {
                    var cell = (S.Cell)reader.LoadCurrentElement()!;
                    string value = cell.DataType?.Value == S.CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out int index) && index >= 0 && index < shared.Count
                        ? shared[index]
                        : cell.DataType?.Value == S.CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty : cell.CellValue?.Text ?? string.Empty;
                    row.Append(value).Append('\t');
                }
                else if (reader.ElementType == typeof(S.Row) && reader.IsEndElement)
                {
                    context.Sink.AppendLine(where, row.ToString());
                    row.Clear();
                }
            }

            foreach (var comments in sheet.GetPartsOfType<WorksheetCommentsPart>())
            {
                Stream(context, comments, where, typeof(S.Text), typeof(S.Comment));
            }
        }
    }

    /// <summary>Streams the text elements of one part, a line per block element.</summary>
    private static void Stream(ExtractionContext context, OpenXmlPart part, string where, Type text, Type block)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (reader.ElementType == text && reader.IsStartElement)
            {
                context.Sink.Append(where, reader.GetText());
            }
            else if (reader.ElementType == block && reader.IsEndElement)
            {
                context.Sink.Append(where, "\n");
            }
        }
    }

    private static void Properties(ExtractionContext context, OpenXmlPackage package, string where)
    {
        var p = package.PackageProperties;
        string metadata = where == "Body" ? "Metadata" : where + "/Metadata";
        foreach (string? value in new[] { p.Creator, p.LastModifiedBy, p.Title, p.Subject, p.Keywords, p.Description, p.Category })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                context.Sink.AppendLine(metadata, value!);
            }
        }
    }
}
