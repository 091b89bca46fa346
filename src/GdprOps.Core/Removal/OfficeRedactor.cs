using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Removal;

/// <summary>
/// Redacts Word and Excel files in place with the OpenXml SDK: every text the subject matcher finds is replaced
/// with a marker and nothing else in the document changes. Word paragraphs are matched across runs (a name split
/// over two runs is still found), text deleted in tracked changes and field codes included; Excel shared strings, inline
/// strings, number cells, formulas' text results and cell comments are covered; mailto: and tel: hyperlinks of both. What it cannot reach is found by the
/// check after it (<see cref="SubjectRemover"/>): the item is then left unchanged and reported Failed.
/// </summary>
internal static class OfficeRedactor
{
    /// <summary>The redacted file, or null when the type is not handled; <c>Count</c> is the number of replacements.</summary>
    public static (byte[]? Bytes, int Count) Redact(byte[] input, string extension, RedactionMatcher matcher, string marker) =>
        Redact(input, extension, text => matcher.Match(text).Select(m => (m.Start, m.Length)).ToList(), marker);

    /// <summary>The same for any spans: <paramref name="spans"/> says what to cut out of a paragraph's, cell's or property's text.</summary>
    public static (byte[]? Bytes, int Count) Redact(byte[] input, string extension, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        using var stream = new MemoryStream();
        stream.Write(input, 0, input.Length);
        stream.Position = 0;
        int count;
        switch (extension.ToLowerInvariant())
        {
            case ".docx":
                using (var document = WordprocessingDocument.Open(stream, true))
                {
                    count = RedactWord(document, spans, marker);
                }

                break;
            case ".xlsx":
                using (var workbook = SpreadsheetDocument.Open(stream, true))
                {
                    count = RedactExcel(workbook, spans, marker);
                }

                break;
            default:
                return (null, 0);
        }

        return (stream.ToArray(), count);
    }

    private static int RedactWord(WordprocessingDocument document, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        int count = 0;
        var main = document.MainDocumentPart;
        if (main is null)
        {
            return 0;
        }

        var roots = new List<OpenXmlPartRootElement?> { main.Document };
        roots.AddRange(main.HeaderParts.Select(p => (OpenXmlPartRootElement?)p.Header));
        roots.AddRange(main.FooterParts.Select(p => (OpenXmlPartRootElement?)p.Footer));
        roots.Add(main.WordprocessingCommentsPart?.Comments);
        roots.Add(main.FootnotesPart?.Footnotes);
        roots.Add(main.EndnotesPart?.Endnotes);
        foreach (var root in roots.OfType<OpenXmlPartRootElement>())
        {
            foreach (var paragraph in root.Descendants<W.Paragraph>().ToList())
            {
                count += RedactParagraph(paragraph, spans, marker);
            }
        }

        var parts = new List<OpenXmlPart?> { main, main.WordprocessingCommentsPart, main.FootnotesPart, main.EndnotesPart };
        parts.AddRange(main.HeaderParts);
        parts.AddRange(main.FooterParts);
        foreach (var part in parts.OfType<OpenXmlPart>())
        {
            count += RedactLinks(part, spans, marker);
        }

        count += RedactProperties(document, spans, marker);
        return count;
    }

    /// <summary>
    /// Points the part's mailto: and tel: hyperlinks that hold the person (the extractor reads their targets:
    /// <see cref="Extraction.Formats.OoxmlExtractor.LinkTarget"/>) at the marker instead; the link's text is the paragraphs'.
    /// </summary>
    private static int RedactLinks(OpenXmlPart part, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        int count = 0;
        foreach (var link in part.HyperlinkRelationships.ToList())
        {
            if (Extraction.Formats.OoxmlExtractor.LinkTarget(link) is { } target && spans(target).Count > 0)
            {
                // A mailto: target must be an address to be a URI at all: the marker's, at the reserved domain "invalid" (RFC 2606).
                bool mail = target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
                var redacted = new Uri((mail ? "mailto:" : "tel:") + Uri.EscapeDataString(marker) + (mail ? "@invalid" : string.Empty), UriKind.Absolute);
                part.DeleteReferenceRelationship(link);
                part.AddHyperlinkRelationship(redacted, link.IsExternal, link.Id);
                count++;
            }
        }

        return count;
    }

    private static int RedactExcel(SpreadsheetDocument workbook, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        int count = 0;
        var part = workbook.WorkbookPart;
        if (part is null)
        {
            return 0;
        }

        if (part.SharedStringTablePart?.SharedStringTable is { } shared)
        {
            foreach (var item in shared.Elements<S.SharedStringItem>())
            {
                count += RedactRuns(item.Descendants<S.Text>().Cast<OpenXmlLeafTextElement>().ToList(), spans, marker);
            }
        }

        foreach (var sheet in part.WorksheetParts)
        {
            foreach (var cell in sheet.Worksheet.Descendants<S.Cell>())
            {
                if (cell.InlineString is { } inline)
                {
                    count += RedactRuns(inline.Descendants<S.Text>().Cast<OpenXmlLeafTextElement>().ToList(), spans, marker);
                }
                else if ((cell.DataType is null || cell.DataType.Value == S.CellValues.Number || cell.DataType.Value == S.CellValues.String)
                    && cell.CellValue?.Text is { Length: > 0 } value && spans(value).Count > 0)
                {
                    // An id stored as a number (a CPR without its dash), or a formula's text result (="..."&"..."): the cell
                    // becomes the marker as text, its formula gone with it (Excel would compute the value again on opening).
                    cell.CellValue = null;
                    cell.CellFormula = null;
                    cell.DataType = S.CellValues.InlineString;
                    cell.InlineString = new S.InlineString(new S.Text(marker));
                    count++;
                }
            }

            // Comments (notes) on the cells: the extractor reads them, so the person's data there is found and must go.
            foreach (var comment in sheet.WorksheetCommentsPart?.Comments?.Descendants<S.Comment>() ?? Enumerable.Empty<S.Comment>())
            {
                count += RedactRuns(comment.Descendants<S.Text>().Cast<OpenXmlLeafTextElement>().ToList(), spans, marker);
            }

            count += RedactLinks(sheet, spans, marker);
        }

        count += RedactProperties(workbook, spans, marker);
        return count;
    }

    /// <summary>
    /// Redacts one paragraph as the extractor reads it (<see cref="Extraction.Formats.OoxmlExtractor.WordText"/>): text
    /// deleted in tracked changes and field codes (a HYPERLINK "mailto:...") are in the file as much as what shows, and a
    /// line break or a tab between runs separates them ("Søren Aabye", a line break, "Østergaard" is the name, not
    /// "AabyeØstergaard"). The breaks themselves stay.
    /// </summary>
    private static int RedactParagraph(W.Paragraph paragraph, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        var runs = new List<OpenXmlLeafTextElement>();
        var before = new List<string>();
        string pending = string.Empty;
        foreach (var element in paragraph.Descendants())
        {
            var type = element.GetType();
            if (Extraction.Formats.OoxmlExtractor.WordMarks.TryGetValue(type, out string? mark) || element is W.Paragraph)
            {
                pending += mark ?? "\n";
            }

            if (Extraction.Formats.OoxmlExtractor.WordText.Contains(type))
            {
                runs.Add((OpenXmlLeafTextElement)element);
                before.Add(pending);
                pending = string.Empty;
            }
        }

        return RedactRuns(runs, spans, marker, before);
    }

    /// <summary>
    /// Matches over the runs' concatenated text and cuts each match out of the runs it spans. <paramref name="before"/>, when
    /// given, is what separates each run from the one before it in the text matched (a line break): kept as it is.
    /// </summary>
    private static int RedactRuns(IReadOnlyList<OpenXmlLeafTextElement> runs, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, IReadOnlyList<string>? before = null)
    {
        if (runs.Count == 0)
        {
            return 0;
        }

        var starts = new int[runs.Count];
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < runs.Count; i++)
        {
            text.Append(before?[i]);
            starts[i] = text.Length;
            text.Append(runs[i].Text);
        }

        var matches = spans(text.ToString()).OrderByDescending(m => m.Start).ToList();
        int last = int.MaxValue;
        int count = 0;
        foreach (var match in matches)
        {
            int end = match.Start + match.Length;
            if (end > last)
            {
                continue;
            }

            for (int i = runs.Count - 1; i >= 0; i--)
            {
                string run = runs[i].Text;
                int from = Math.Max(match.Start, starts[i]);
                int to = Math.Min(end, starts[i] + run.Length);
                if (from >= to)
                {
                    continue;
                }

                int local = from - starts[i];
                string replacement = from == match.Start ? marker : string.Empty;
                runs[i].Text = run.Substring(0, local) + replacement + run.Substring(local + (to - from));
                if (runs[i] is W.TextType word)
                {
                    word.Space = SpaceProcessingModeValues.Preserve;
                }
            }

            last = match.Start;
            count++;
        }

        return count;
    }

    private static int RedactProperties(OpenXmlPackage package, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        var properties = package.PackageProperties;
        int count = 0;
        string? Clean(string? value)
        {
            if (value is null || spans(value).Count == 0)
            {
                return value;
            }

            count++;
            return marker;
        }

        properties.Creator = Clean(properties.Creator);
        properties.LastModifiedBy = Clean(properties.LastModifiedBy);
        properties.Title = Clean(properties.Title);
        properties.Subject = Clean(properties.Subject);
        properties.Description = Clean(properties.Description);
        properties.Keywords = Clean(properties.Keywords);
        return count;
    }
}
