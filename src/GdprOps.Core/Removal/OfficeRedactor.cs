using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Removal;

/// <summary>
/// Redacts Word, Excel and PowerPoint files in place with the OpenXml SDK: every text the subject matcher finds is replaced
/// with a marker and nothing else in the document changes. Word paragraphs are matched across runs (a name split
/// over two runs is still found), text deleted in tracked changes and field codes included; Excel shared strings, inline
/// strings, number cells, formulas (their text and their text results), printed headers and cell comments are covered;
/// a name whose parts stand in cells of a row side by side (a worksheet's, a Word or slide table's) is cut from each;
/// slides and notes paragraph by paragraph; mailto: and tel: hyperlinks of all three; and the parts beyond the body the
/// extractor reads (<see cref="Extraction.Formats.OfficeParts"/>), embedded Office files included. What it cannot reach is
/// found by the check after it (<see cref="SubjectRemover"/>): the item is then left unchanged and reported Failed.
/// </summary>
internal static class OfficeRedactor
{
    /// <summary>The redacted file, or null when the type is not handled; <c>Count</c> is the number of replacements.</summary>
    public static (byte[]? Bytes, int Count) Redact(byte[] input, string extension, RedactionMatcher matcher, string marker) =>
        Redact(input, extension, text => matcher.Match(text).Select(m => (m.Start, m.Length)).ToList(), marker);

    /// <summary>The same for any spans: <paramref name="spans"/> says what to cut out of a paragraph's, cell's or property's text.</summary>
    /// <exception cref="IOException">The file (or a file embedded in it) cannot be opened or read whole: it is not rewritten.</exception>
    public static (byte[]? Bytes, int Count) Redact(byte[] input, string extension, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        try
        {
            return Redact(input, extension, spans, marker, depth: 0);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
        {
            throw new IOException("The file cannot be opened to redact it (" + ex.GetType().Name + "): it was left unchanged; delete it instead.", ex);
        }
    }

    /// <summary>Whether <paramref name="extension"/> names a file this redactor rewrites (.docx, .xlsx, .pptx).</summary>
    public static bool IsOffice(string extension) =>
        extension.Equals(".docx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
        || extension.Equals(".pptx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The extractor's default limits, which the redactor keeps too: embedded files are redacted as deep as they are read
    /// (MaxDepth), and a part is read as far as the extractor reads one (MaxCharactersInPart).
    /// </summary>
    private static readonly Extraction.ExtractionBudget Budget = new();

    private static (byte[]? Bytes, int Count) Redact(byte[] input, string extension, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, int depth)
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
                    count = RedactWord(document, spans, marker, depth);
                }

                break;
            case ".xlsx":
                using (var workbook = SpreadsheetDocument.Open(stream, true))
                {
                    count = RedactExcel(workbook, spans, marker, depth);
                }

                break;
            case ".pptx":
                using (var presentation = PresentationDocument.Open(stream, true))
                {
                    count = RedactPowerPoint(presentation, spans, marker, depth);
                }

                break;
            default:
                return (null, 0);
        }

        return (stream.ToArray(), count);
    }

    private static int RedactWord(WordprocessingDocument document, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, int depth)
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

            count += RedactTableRows(root, spans, marker);
        }

        var parts = new List<OpenXmlPart?> { main, main.WordprocessingCommentsPart, main.FootnotesPart, main.EndnotesPart };
        parts.AddRange(main.HeaderParts);
        parts.AddRange(main.FooterParts);
        foreach (var part in parts.OfType<OpenXmlPart>())
        {
            count += RedactLinks(part, spans, marker);
        }

        foreach (var root in roots.OfType<OpenXmlPartRootElement>())
        {
            foreach (var element in root.Descendants().Where(e => Extraction.Formats.OoxmlExtractor.Authored.Contains(e.GetType())).ToList())
            {
                // Who commented or changed what (w:author), as the extractor reads it.
                var author = element.GetAttributes().FirstOrDefault(a => a.LocalName == "author");
                if (author.Value is { } name && Cut(name, spans(name), marker, ref count) is { } cut)
                {
                    element.SetAttribute(new OpenXmlAttribute(author.Prefix, author.LocalName, author.NamespaceUri, cut));
                }
            }

            foreach (var field in root.Descendants<W.SimpleField>())
            {
                // The instruction the extractor reads beside the field's runs (HYPERLINK "mailto:...").
                if (field.Instruction?.Value is { } instruction && Cut(instruction, spans(instruction), marker, ref count) is { } cut)
                {
                    field.Instruction = cut;
                }
            }
        }

        count += RedactProperties(document, spans, marker);
        count += RedactExtras(document, spans, marker, depth);
        return count;
    }

    /// <summary>
    /// Slides and their notes as the extractor reads them (a DrawingML paragraph's runs together, a line break between them
    /// kept), their mailto: and tel: links, the properties and the parts beyond (<see cref="RedactExtras"/>).
    /// </summary>
    private static int RedactPowerPoint(PresentationDocument document, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, int depth)
    {
        int count = 0;
        foreach (var slide in document.PresentationPart?.SlideParts.ToList() ?? new List<SlidePart>())
        {
            count += RedactXml(slide, Extraction.Formats.OfficeParts.DrawingText, spans, marker);
            count += slide.Slide is { } root ? RedactSlideTableRows(root, spans, marker) : 0;
            count += RedactLinks(slide, spans, marker);
            if (slide.NotesSlidePart is { } notes)
            {
                count += RedactXml(notes, Extraction.Formats.OfficeParts.DrawingText, spans, marker);
            }
        }

        count += RedactProperties(document, spans, marker);
        count += RedactExtras(document, spans, marker, depth);
        return count;
    }

    /// <summary>A name whose parts stand in cells of a slide's table row side by side: see <see cref="RedactRow"/>.</summary>
    private static int RedactSlideTableRows(OpenXmlElement root, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker) =>
        root.Descendants<A.TableRow>().ToList().Sum(row => RedactRow(
            row.Elements<A.TableCell>().Select(cell => cell.Descendants<A.Paragraph>().Select(paragraph =>
            {
                var texts = paragraph.Descendants<A.Text>().Cast<OpenXmlLeafTextElement>().ToList();
                return (texts, texts.Select(_ => string.Empty).ToList());
            })),
            spans, marker));

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

    private static int RedactExcel(SpreadsheetDocument workbook, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, int depth)
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

                if (cell.CellFormula?.Text is { Length: > 0 } formula && spans(formula).Count > 0)
                {
                    // A formula that writes the person's data itself (=HYPERLINK("mailto:..."), ="CPR "&...): it goes, the value it gave
                    // stays (cut above when it holds the person too).
                    cell.CellFormula = null;
                    count++;
                }
            }

            foreach (var header in sheet.Worksheet.Descendants<OpenXmlLeafTextElement>().Where(e => Extraction.Formats.OoxmlExtractor.HeaderFooter.Contains(e.GetType())).ToList())
            {
                // Matched as the extractor reads it (codes blanked to spaces, positions kept), cut in the text as written.
                if (Cut(header.Text, spans(Extraction.Formats.OoxmlExtractor.HeaderFooterText(header.Text)), marker, ref count) is { } cut)
                {
                    header.Text = cut;
                }
            }

            // Comments (notes) on the cells: the extractor reads them, so the person's data there is found and must go.
            foreach (var comment in sheet.WorksheetCommentsPart?.Comments?.Descendants<S.Comment>() ?? Enumerable.Empty<S.Comment>())
            {
                count += RedactRuns(comment.Descendants<S.Text>().Cast<OpenXmlLeafTextElement>().ToList(), spans, marker);
            }

            foreach (var author in sheet.WorksheetCommentsPart?.Comments?.Descendants<S.Author>() ?? Enumerable.Empty<S.Author>())
            {
                count += RedactRuns(new OpenXmlLeafTextElement[] { author }, spans, marker);
            }

            count += RedactLinks(sheet, spans, marker);
            count += RedactAcrossCells(sheet, part.SharedStringTablePart?.SharedStringTable, spans, marker);
        }

        count += RedactProperties(workbook, spans, marker);
        count += RedactExtras(workbook, spans, marker, depth);
        return count;
    }

    /// <summary>
    /// A name whose parts stand in cells side by side ("Søren" | "Østergaard", as an export keeps first and last names): each
    /// row is matched as the extractor reads it (its cells' text, tab-separated), after the cells were redacted one by one,
    /// and every text cell a match spans is written again as inline text with its part cut out. A shared string stays as it
    /// is for the other cells that use it (another Søren); a cell that computes its text (a formula) is left for the check
    /// after redaction to report.
    /// </summary>
    private static int RedactAcrossCells(WorksheetPart sheet, S.SharedStringTable? shared, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        var sharedTexts = shared?.Elements<S.SharedStringItem>().Select(item => item.InnerText).ToList() ?? new List<string>();
        int count = 0;
        foreach (var row in sheet.Worksheet.Descendants<S.Row>())
        {
            var cells = new List<(S.Cell Cell, int Start, string Text, bool Written)>();
            var text = new System.Text.StringBuilder();
            foreach (var cell in row.Elements<S.Cell>())
            {
                string? value = CellText(cell, sharedTexts);
                if (cells.Count > 0)
                {
                    text.Append('\t');
                }

                cells.Add((cell, text.Length, value ?? string.Empty, value is not null));
                text.Append((value ?? string.Empty).Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
            }

            if (cells.Count < 2)
            {
                continue;
            }

            var cuts = new Dictionary<S.Cell, List<(int From, int To)>>();
            foreach (var (start, length) in spans(text.ToString()))
            {
                int end = start + length;
                var covered = cells.Where(c => c.Start < end && c.Start + c.Text.Length > start).ToList();
                if (covered.Count < 2 || covered.Any(c => !c.Written))
                {
                    continue;
                }

                foreach (var (cell, cellStart, cellText, _) in covered)
                {
                    if (!cuts.TryGetValue(cell, out var list))
                    {
                        cuts[cell] = list = new List<(int, int)>();
                    }

                    list.Add((Math.Max(start, cellStart) - cellStart, Math.Min(end, cellStart + cellText.Length) - cellStart));
                }

                count++;
            }

            foreach (var (cell, _, cellText, _) in cells.Where(c => cuts.ContainsKey(c.Cell)))
            {
                var written = new System.Text.StringBuilder(cellText);
                foreach (var (from, to) in cuts[cell].OrderByDescending(c => c.From))
                {
                    written.Remove(from, to - from).Insert(from, marker);
                }

                cell.CellValue = null;
                cell.CellFormula = null;
                cell.DataType = S.CellValues.InlineString;
                cell.InlineString = new S.InlineString(new S.Text(written.ToString()) { Space = SpaceProcessingModeValues.Preserve });
            }
        }

        return count;
    }

    /// <summary>The text a cell holds as it is written (a shared or inline string, a plain string value), or null for a number or a formula's result.</summary>
    private static string? CellText(S.Cell cell, IReadOnlyList<string> shared)
    {
        if (cell.CellFormula is not null)
        {
            return null;
        }

        if (cell.DataType?.Value == S.CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, out int index) && index >= 0 && index < shared.Count ? shared[index] : null;
        }

        return cell.DataType?.Value == S.CellValues.InlineString ? cell.InlineString?.InnerText
            : cell.DataType?.Value == S.CellValues.String ? cell.CellValue?.Text
            : null;
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
        AddRuns(paragraph, string.Empty, runs, before);
        return RedactRuns(runs, spans, marker, before);
    }

    /// <summary>
    /// Adds the paragraph's runs as the extractor reads them, each with what separates it from the run before it (a line
    /// break, a tab; <paramref name="lead"/> before the first).
    /// </summary>
    private static void AddRuns(W.Paragraph paragraph, string lead, List<OpenXmlLeafTextElement> runs, List<string> before)
    {
        string pending = lead;
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
    }

    /// <summary>A name whose parts stand in cells of a Word table's row side by side: see <see cref="RedactRow"/>.</summary>
    private static int RedactTableRows(OpenXmlElement root, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker) =>
        root.Descendants<W.TableRow>().ToList().Sum(row => RedactRow(
            row.Elements<W.TableCell>().Select(cell => cell.Elements<W.Paragraph>().Select(paragraph =>
            {
                var runs = new List<OpenXmlLeafTextElement>();
                var before = new List<string>();
                AddRuns(paragraph, string.Empty, runs, before);
                return (runs, before);
            })),
            spans, marker));

    /// <summary>
    /// A name whose parts stand in cells of a table row side by side ("Søren" | "Østergaard", a staff list's columns) or in two
    /// paragraphs of one cell: the row (its cells, each its paragraphs' runs with what separates them) is matched as the
    /// extractor reads it (a cell's paragraphs joined by spaces, its cells by tabs), after the paragraphs were redacted one by
    /// one, and each match is cut out of the runs it spans: the marker in the first, the rest emptied. A table inside a cell
    /// is read by its own rows.
    /// </summary>
    private static int RedactRow(IEnumerable<IEnumerable<(List<OpenXmlLeafTextElement> Runs, List<string> Before)>> cells, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        var runs = new List<OpenXmlLeafTextElement>();
        var before = new List<string>();
        string lead = string.Empty;
        foreach (var cell in cells)
        {
            foreach (var (paragraphRuns, paragraphBefore) in cell)
            {
                for (int k = 0; k < paragraphRuns.Count; k++)
                {
                    runs.Add(paragraphRuns[k]);
                    before.Add(k == 0 ? lead + paragraphBefore[k] : paragraphBefore[k]);
                }

                lead = paragraphRuns.Count > 0 ? " " : lead;
            }

            lead = "\t";
        }

        return runs.Count > 1 ? RedactRuns(runs, spans, marker, before) : 0;
    }

    /// <summary>
    /// Matches over the runs' concatenated text and cuts each match out of the runs it spans. <paramref name="before"/>, when
    /// given, is what separates each run from the one before it in the text matched (a line break): kept as it is.
    /// </summary>
    private static int RedactRuns(IReadOnlyList<OpenXmlLeafTextElement> runs, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, IReadOnlyList<string>? before = null)
    {
        var texts = runs.Select(r => r.Text).ToArray();
        int count = RedactTexts(texts, spans, marker, before);
        for (int i = 0; i < runs.Count; i++)
        {
            if (!string.Equals(texts[i], runs[i].Text, StringComparison.Ordinal))
            {
                runs[i].Text = texts[i];
                if (runs[i] is W.TextType word)
                {
                    word.Space = SpaceProcessingModeValues.Preserve;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Matches over the texts concatenated (each after its <paramref name="before"/>, when given) and cuts each match out
    /// of the texts it spans, in place: the first keeps the marker, the others lose their share.
    /// </summary>
    private static int RedactTexts(string[] runs, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, IReadOnlyList<string>? before)
    {
        if (runs.Length == 0)
        {
            return 0;
        }

        var starts = new int[runs.Length];
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < runs.Length; i++)
        {
            text.Append(before?[i]);
            starts[i] = text.Length;
            text.Append(runs[i]);
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

            for (int i = runs.Length - 1; i >= 0; i--)
            {
                string run = runs[i];
                int from = Math.Max(match.Start, starts[i]);
                int to = Math.Min(end, starts[i] + run.Length);
                if (from >= to)
                {
                    continue;
                }

                int local = from - starts[i];
                string replacement = from == match.Start ? marker : string.Empty;
                runs[i] = run.Substring(0, local) + replacement + run.Substring(local + (to - from));
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
        properties.Category = Clean(properties.Category);
        return count;
    }

    /// <summary>
    /// <paramref name="text"/> with <paramref name="matches"/> cut out (each replaced by <paramref name="marker"/>), counted into
    /// <paramref name="count"/>; null when nothing matched.
    /// </summary>
    private static string? Cut(string text, IReadOnlyList<(int Start, int Length)> matches, string marker, ref int count)
    {
        var texts = new[] { text };
        int cut = matches.Count == 0 ? 0 : RedactTexts(texts, _ => matches, marker, before: null);
        count += cut;
        return cut == 0 ? null : texts[0];
    }

    /// <summary>
    /// The parts beyond the body the extractor reads (<see cref="Extraction.Formats.OfficeParts"/>), as it reads them: a
    /// DrawingML paragraph's runs together (a line break between them kept), any other element's text and each attribute
    /// named on its own. Then the Word and Excel files embedded in the document, redacted as files of their own and put back.
    /// What is left (another kind of embedded file) is found by the check after redaction.
    /// </summary>
    private static int RedactExtras(OpenXmlPackage package, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker, int depth)
    {
        int count = 0;
        foreach (var (part, reach) in Extraction.Formats.OfficeParts.Of(package).ToList())
        {
            count += RedactXml(part, reach, spans, marker);
        }

        foreach (var part in Extraction.Formats.OfficeParts.Embedded(package).ToList())
        {
            string extension = Path.GetExtension(Extraction.Formats.OfficeParts.NameOf(part));
            if (depth >= Budget.MaxDepth || !IsOffice(extension))
            {
                continue; // the check after redaction says whether the person is still in it
            }

            byte[] content;
            using (var input = part.GetStream(FileMode.Open, FileAccess.Read))
            using (var copy = new MemoryStream())
            {
                input.CopyTo(copy);
                content = copy.ToArray();
            }

            byte[]? redacted;
            int replaced;
            try
            {
                (redacted, replaced) = Redact(content, extension, spans, marker, depth + 1);
            }
            catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
            {
                throw new IOException("A file embedded in the item cannot be opened: it cannot be redacted safely; delete the item instead.", ex);
            }

            if (redacted is not null && replaced > 0)
            {
                using var output = new MemoryStream(redacted);
                part.FeedData(output);
                count += replaced;
            }
        }

        return count;
    }

    /// <summary>
    /// One part's XML, as the extractor reads it with <paramref name="reach"/> (<see cref="Extraction.Formats.OfficeParts.Read"/>):
    /// each attribute named, a DrawingML paragraph's runs together, any other element's text on its own. Written back only
    /// when something was cut.
    /// </summary>
    /// <exception cref="IOException">The part is malformed or too large: nothing is written.</exception>
    private static int RedactXml(OpenXmlPart part, Extraction.Formats.OfficeParts.Reach reach, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        System.Xml.Linq.XDocument xml;
        try
        {
            using var input = part.GetStream(FileMode.Open, FileAccess.Read);
            using var reader = System.Xml.XmlReader.Create(input, new System.Xml.XmlReaderSettings
            {
                DtdProcessing = System.Xml.DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = Budget.MaxCharactersInPart,
            });
            xml = System.Xml.Linq.XDocument.Load(reader, System.Xml.Linq.LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException ex)
        {
            // Unread by the sweep too (it says the item was read in part): what it holds is unknown, so the file is not rewritten.
            throw new IOException("A part of the file (" + part.GetType().Name + ") is malformed or too large to read: it cannot be redacted safely; delete the item instead.", ex);
        }

        int count = 0;
        foreach (var element in xml.Descendants().Where(element => !reach.IsOutside(element)).ToList())
        {
            foreach (var attribute in element.Attributes().Where(a => reach.Attributes.Contains(a.Name.LocalName)).ToList())
            {
                if (Cut(attribute.Value, spans(attribute.Value), marker, ref count) is { } cut)
                {
                    attribute.Value = cut;
                }
            }

            string name = element.Name.LocalName;
            if (name == "p" && reach.Elements.Contains("t"))
            {
                count += RedactDrawingParagraph(element, spans, marker);
            }
            else if (name != "t" && reach.Elements.Contains(name) && !element.HasElements && Cut(element.Value, spans(element.Value), marker, ref count) is { } cut)
            {
                element.Value = cut;
            }
        }

        if (count > 0)
        {
            using var output = part.GetStream(FileMode.Create, FileAccess.Write);
            xml.Save(output, System.Xml.Linq.SaveOptions.DisableFormatting);
        }

        return count;
    }

    /// <summary>One DrawingML paragraph (a:p): its runs' text (a:t) matched together, as the extractor reads them.</summary>
    private static int RedactDrawingParagraph(System.Xml.Linq.XElement paragraph, Func<string, IReadOnlyList<(int Start, int Length)>> spans, string marker)
    {
        var runs = new List<System.Xml.Linq.XElement>();
        var before = new List<string>();
        string pending = string.Empty;
        foreach (var element in paragraph.Descendants())
        {
            if (element.Name.LocalName == "br")
            {
                pending += "\n";
            }
            else if (element.Name.LocalName == "t" && !element.HasElements)
            {
                runs.Add(element);
                before.Add(pending);
                pending = string.Empty;
            }
        }

        var texts = runs.Select(r => r.Value).ToArray();
        int count = RedactTexts(texts, spans, marker, before);
        for (int i = 0; i < runs.Count; i++)
        {
            if (!string.Equals(runs[i].Value, texts[i], StringComparison.Ordinal))
            {
                runs[i].Value = texts[i];
            }
        }

        return count;
    }
}
