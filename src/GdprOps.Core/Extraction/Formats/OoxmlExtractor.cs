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
    /// <summary>
    /// Word's text: what is written, what tracked changes deleted but the file still holds (a CPR struck out is still in
    /// it), and field codes (a HYPERLINK "mailto:..." behind its display text).
    /// </summary>
    internal static readonly HashSet<Type> WordText = new() { typeof(W.Text), typeof(W.DeletedText), typeof(W.FieldCode), typeof(W.DeletedFieldCode) };

    /// <summary>
    /// What Word writes between the letters of a run as elements, not characters: read as nothing, "Jens Holm", a line
    /// break and "Vestergade 12" were "Jens HolmVestergade 12", and "150390", a non-breaking hyphen and "1230" no CPR.
    /// </summary>
    internal static readonly Dictionary<Type, string> WordMarks = new()
    {
        [typeof(W.Break)] = "\n",
        [typeof(W.CarriageReturn)] = "\n",
        [typeof(W.TabChar)] = "\t",
        [typeof(W.PositionalTab)] = "\t",
        [typeof(W.NoBreakHyphen)] = "-",
        [typeof(W.FieldCode)] = " ",
        [typeof(W.DeletedFieldCode)] = " ",
    };

    /// <summary>PowerPoint's line break inside a paragraph (Shift+Enter): a line of its own, not glued to the next.</summary>
    private static readonly Dictionary<Type, string> SlideMarks = new() { [typeof(A.Break)] = "\n" };

    private static readonly HashSet<Type> SlideText = new() { typeof(A.Text) };

    /// <summary>A sheet's comments, and their authors (a line each: "HR", "Jens Holm").</summary>
    private static readonly HashSet<Type> SheetCommentText = new() { typeof(S.Text), typeof(S.Author) };

    private static readonly Dictionary<Type, string> SheetCommentMarks = new() { [typeof(S.Author)] = "\n", [typeof(S.CommentList)] = "\n" };

    /// <returns>The files embedded in the document, for the caller to read as nested items (<see cref="OfficeParts.Embedded"/>).</returns>
    public static List<(string Name, Stream Content)> Extract(ExtractionContext context, Stream stream, ContentExtractor.Format format, string where)
    {
        using (ZipInspector.Open(stream, context.Budget))
        {
        }

        stream.Position = 0;
        var settings = new OpenSettings { MaxCharactersInPart = context.Budget.MaxCharactersInPart };
        var embedded = new List<(string Name, Stream Content)>();
        try
        {
            switch (format)
            {
                case ContentExtractor.Format.Word:
                    using (var document = WordprocessingDocument.Open(stream, false, settings))
                    {
                        Word(context, document, where);
                        Properties(context, document, where);
                        Extras(context, document, where, embedded);
                    }

                    break;
                case ContentExtractor.Format.Excel:
                    using (var document = SpreadsheetDocument.Open(stream, false, settings))
                    {
                        Excel(context, document, where);
                        Properties(context, document, where);
                        Extras(context, document, where, embedded);
                    }

                    break;
                default:
                    using (var document = PresentationDocument.Open(stream, false, settings))
                    {
                        PowerPoint(context, document, where);
                        Properties(context, document, where);
                        Extras(context, document, where, embedded);
                    }

                    break;
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, content) in embedded)
            {
                content.Dispose();
            }

            if (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
            {
                throw new ExtractionLimitException("corrupt or over-budget Office file (" + ex.GetType().Name + ")", ex);
            }

            throw;
        }

        return embedded;
    }

    /// <summary>
    /// The parts beyond the body that hold what people write or who they are (<see cref="OfficeParts"/>: charts, shapes,
    /// SmartArt, pivot caches, comments kept apart, their authors, custom properties), and a copy of each embedded file.
    /// </summary>
    private static void Extras(ExtractionContext context, OpenXmlPackage package, string where, List<(string Name, Stream Content)> embedded)
    {
        foreach (var (part, reach) in OfficeParts.Of(package))
        {
            try
            {
                OfficeParts.Read(context, part, reach, where);
            }
            catch (System.Xml.XmlException)
            {
                // One chart or comment part broken or over budget: the rest of the document stands.
                context.Result.Partial(where + ": a part (" + part.GetType().Name + ") is malformed or too large to read");
            }
        }

        foreach (var part in OfficeParts.Embedded(package))
        {
            using var input = part.GetStream(FileMode.Open, FileAccess.Read);
            var copy = SpillStream.Create(input.CanSeek ? input.Length : long.MaxValue);
            embedded.Add((OfficeParts.NameOf(part), copy));
            context.CopyCounted(input, copy);
            copy.Position = 0;
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
            WordPart(context, part, where);
            Links(context, part, where);
        }
    }

    /// <summary>
    /// Streams one part of a Word document: a paragraph per line, as <see cref="Stream"/> does, and a table of two columns or
    /// more a row per line (<see cref="TableRowWriter"/>), so its header's labels are the context of every cell below them:
    /// a cell's paragraphs are joined by spaces, a cell spanning columns (gridSpan) or a row starting past the first column
    /// (gridBefore) is padded (merged rows keep their cells in Word), and a table inside a cell is read into that cell, the
    /// outer table's labels ending at its row.
    /// </summary>
    private static void WordPart(ExtractionContext context, OpenXmlPart part, string where)
    {
        using var reader = OpenXmlReader.Create(part);
        var cell = new System.Text.StringBuilder();
        int depth = 0;
        int columns = 0;
        int span = 1;
        bool decided = false;
        TableRowWriter? table = null;
        var authors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var type = reader.ElementType;
            bool start = reader.IsStartElement;
            bool end = reader.IsEndElement;
            if (start && Authored.Contains(type) && Attribute(reader, "author") is { Length: > 0 } author && seen.Add(author))
            {
                authors.Add(author);
            }

            if (type == typeof(W.Table))
            {
                if (start && ++depth == 1)
                {
                    (columns, decided) = (0, false);
                }
                else if (start)
                {
                    table?.Misalign();
                }
                else if (end && --depth == 0)
                {
                    table?.Complete();
                    table = null;
                }

                continue;
            }

            if (depth == 1)
            {
                if (start && type == typeof(W.GridColumn))
                {
                    columns++;
                }
                else if (start && type == typeof(W.TableRow) && !decided)
                {
                    // The grid comes before the rows: a table of one column is a frame around paragraphs, read as they are.
                    table = columns >= 2 ? new TableRowWriter(context.Sink, where) : null;
                    decided = true;
                }
                else if (end && type == typeof(W.TableRow) && table is not null)
                {
                    if (cell.Length > 0)
                    {
                        table.Cell(cell.ToString());
                        cell.Clear();
                    }

                    table.EndRow();
                }
                else if (start && type == typeof(W.GridBefore))
                {
                    table?.Pad(Value(reader, fallback: 0));
                }
                else if (start && type == typeof(W.GridSpan))
                {
                    span = Value(reader, fallback: 1);
                }
                else if (end && type == typeof(W.TableCell) && table is not null)
                {
                    table.Cell(cell.ToString());
                    table.Pad(span - 1);
                    cell.Clear();
                    span = 1;
                }
            }

            Write(context, where, table is null ? null : cell, TextOf(reader, WordText, typeof(W.Paragraph), WordMarks));
        }

        foreach (string author in authors)
        {
            context.Sink.AppendLine(where, author);
        }
    }

    /// <summary>What a part's reader wrote (<see cref="TextOf"/>): into the cell being read when a table's row is, else to the sink.</summary>
    private static void Write(ExtractionContext context, string where, System.Text.StringBuilder? cell, string? text)
    {
        if (text is null)
        {
            return;
        }

        if (cell is not null)
        {
            cell.Append(text);
        }
        else
        {
            context.Sink.Append(where, text);
        }
    }

    /// <summary>
    /// Word elements that say who wrote them (w:author): a comment, and each tracked change. The names are read once per part,
    /// after its text: who edited or commented on a document is data about them.
    /// </summary>
    internal static readonly HashSet<Type> Authored = new()
    {
        typeof(W.Comment), typeof(W.InsertedRun), typeof(W.DeletedRun), typeof(W.Inserted), typeof(W.Deleted), typeof(W.MoveFromRun), typeof(W.MoveToRun),
        typeof(W.ParagraphPropertiesChange), typeof(W.RunPropertiesChange), typeof(W.SectionPropertiesChange), typeof(W.TablePropertiesChange),
        typeof(W.TableRowPropertiesChange), typeof(W.TableCellPropertiesChange), typeof(W.TableGridChange), typeof(W.NumberingChange),
        typeof(W.ParagraphMarkRunPropertiesChange), typeof(W.MoveFrom), typeof(W.MoveTo), typeof(W.CellInsertion), typeof(W.CellDeletion), typeof(W.CellMerge),
    };

    /// <summary>The value of the reader's element's attribute <paramref name="localName"/>, or null.</summary>
    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == localName)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The w:val of a count element (gridSpan, gridBefore), or <paramref name="fallback"/> when it has none or it is no count.</summary>
    private static int Value(OpenXmlReader reader, int fallback)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == "val" && int.TryParse(attribute.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }
        }

        return fallback;
    }

    private static void PowerPoint(ExtractionContext context, PresentationDocument document, string where)
    {
        foreach (var slide in document.PresentationPart?.SlideParts ?? Array.Empty<SlidePart>())
        {
            SlidePart(context, slide, where);
            Links(context, slide, where);
            if (slide.NotesSlidePart is { } notes)
            {
                SlidePart(context, notes, where);
            }
        }
    }

    /// <summary>
    /// Streams a slide or a notes page: a paragraph per line, as <see cref="Stream"/> does, and a table (a:tbl) of two columns
    /// or more a row per line (<see cref="TableRowWriter"/>), so its header row's labels are the context of every cell below
    /// them, as in a Word table. A cell's paragraphs are joined by spaces. DrawingML keeps a cell for every column of every row
    /// (one merged into its neighbour is an empty a:tc marked hMerge or vMerge), so no row needs padding, and a table cannot
    /// hold a table.
    /// </summary>
    private static void SlidePart(ExtractionContext context, OpenXmlPart part, string where)
    {
        using var reader = OpenXmlReader.Create(part);
        var cell = new System.Text.StringBuilder();
        int columns = 0;
        bool decided = false;
        TableRowWriter? table = null;
        while (reader.Read())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var type = reader.ElementType;
            if (type == typeof(A.Table))
            {
                if (reader.IsStartElement)
                {
                    (columns, decided) = (0, false);
                }
                else if (reader.IsEndElement)
                {
                    table?.Complete();
                    table = null;
                }

                continue;
            }

            if (reader.IsStartElement && type == typeof(A.GridColumn))
            {
                columns++;
            }
            else if (reader.IsStartElement && type == typeof(A.TableRow) && !decided)
            {
                // The grid comes before the rows: a table of one column is a box of paragraphs, read as they are.
                table = columns >= 2 ? new TableRowWriter(context.Sink, where) : null;
                decided = true;
            }
            else if (reader.IsEndElement && type == typeof(A.TableCell) && table is not null)
            {
                table.Cell(cell.ToString());
                cell.Clear();
            }
            else if (reader.IsEndElement && type == typeof(A.TableRow) && table is not null)
            {
                table.EndRow();
            }

            Write(context, where, table is null ? null : cell, TextOf(reader, SlideText, typeof(A.Paragraph), SlideMarks));
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

        // Sheet names: an HR workbook keeps a sheet per employee, named after them.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = OpenXmlReader.Create(workbook))
        {
            while (reader.Read())
            {
                if (reader.ElementType == typeof(S.Sheet) && reader.IsStartElement && Attribute(reader, "id") is { } id && Attribute(reader, "name") is { Length: > 0 } name)
                {
                    names[id] = name;
                }
            }
        }

        foreach (var sheet in workbook.WorksheetParts)
        {
            if (names.TryGetValue(workbook.GetIdOfPart(sheet), out string? sheetName))
            {
                context.Sink.AppendLine(where, sheetName);
            }

            using var reader = OpenXmlReader.Create(sheet);
            var row = new System.Text.StringBuilder();
            var rows = new SheetColumns();
            var headers = new List<string>();
            while (reader.Read())
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (reader.ElementType == typeof(S.Cell) && reader.IsStartElement)
                {
                    var cell = (S.Cell)reader.LoadCurrentElement()!;
                    string value = cell.DataType?.Value == S.CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out int index) && index >= 0 && index < shared.Count
                        ? shared[index]
                        : cell.DataType?.Value == S.CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty : cell.CellValue?.Text ?? string.Empty;
                    rows.Cell(row, cell.CellReference?.Value);
                    if (Literal(cell.CellFormula?.Text) is { } formula)
                    {
                        // A formula that writes text of its own (=HYPERLINK("mailto:...";"Anna"), =IF(A2="150390-1230";...)): read in its
                        // cell, after the value it gives.
                        value = value.Length == 0 ? formula : value + " " + formula;
                    }

                    // A row is a line of tab-separated cells: a cell's own line breaks and tabs (Alt+Enter) are spaces here.
                    int at = row.Length;
                    row.Append(value).Replace('\n', ' ', at, value.Length).Replace('\r', ' ', at, value.Length).Replace('\t', ' ', at, value.Length).Append('\t');
                }
                else if (HeaderFooter.Contains(reader.ElementType) && reader.IsStartElement)
                {
                    headers.Add(HeaderFooterText(reader.GetText()));
                }
                else if (reader.ElementType == typeof(S.Row) && reader.IsEndElement)
                {
                    string text = row.ToString();
                    long at = context.Sink.Position(where);
                    if (rows.EndRow(text, at) is { } header)
                    {
                        context.Sink.AddTable(where, header);
                    }

                    context.Sink.AppendLine(where, text);
                    row.Clear();
                }
            }

            // The sheet's labels end with its rows: its comments and links, and the next sheet, are no rows of it.
            context.Sink.EndTable(where);
            foreach (string header in headers)
            {
                context.Sink.AppendLine(where, header);
            }

            foreach (var comments in sheet.GetPartsOfType<WorksheetCommentsPart>())
            {
                Stream(context, comments, where, SheetCommentText, typeof(S.Comment), SheetCommentMarks);
            }

            Links(context, sheet, where);
        }
    }

    /// <summary>A worksheet's printed headers and footers (the page's top and bottom lines: a name, a case number).</summary>
    internal static readonly HashSet<Type> HeaderFooter = new()
    {
        typeof(S.OddHeader), typeof(S.OddFooter), typeof(S.EvenHeader), typeof(S.EvenFooter), typeof(S.FirstHeader), typeof(S.FirstFooter),
    };

    /// <summary>
    /// A formula's text when it writes text of its own (a string literal in quotes); null for one that only computes
    /// (=SUM(B2:B9)): its literals are nowhere else in the file when the value it gives shows something else.
    /// </summary>
    internal static string? Literal(string? formula) => formula is not null && formula.IndexOf('"') >= 0 ? formula : null;

    /// <summary>
    /// A header's or footer's text with its codes (&amp;L, &amp;P, &amp;"Arial,Bold", &amp;12, &amp;K00FF00 ...) blanked to
    /// spaces of the same length: "&amp;LJens Holm" is "  Jens Holm", not "LJens Holm", and a position in it is the same in the
    /// file (the redactor cuts there). "&amp;&amp;" is a written '&amp;'.
    /// </summary>
    internal static string HeaderFooterText(string raw)
    {
        var text = raw.ToCharArray();
        for (int i = 0; i < text.Length; i++)
        {
            if (raw[i] != '&' || i + 1 >= raw.Length)
            {
                continue;
            }

            int end = i + 2;
            char code = raw[i + 1];
            if (code == '&')
            {
                text[i] = ' ';
                i++;
                continue;
            }

            if (code == '"')
            {
                int close = raw.IndexOf('"', i + 2);
                end = close < 0 ? raw.Length : close + 1;
            }
            else if (code is 'K' or 'k')
            {
                end = Math.Min(raw.Length, i + 8);
            }
            else if (char.IsDigit(code))
            {
                while (end < raw.Length && char.IsDigit(raw[end]))
                {
                    end++;
                }
            }

            for (int k = i; k < end; k++)
            {
                text[k] = ' ';
            }

            i = end - 1;
        }

        return new string(text);
    }

    /// <summary>
    /// The mailto: and tel: targets of a part's hyperlinks, a line each: Word, Excel and PowerPoint keep a link's target
    /// beside the text (in the part's relationships), and a list often shows "Anna Berg" or "Send mail" with the address
    /// only in the link, as HTML does (<see cref="HtmlExtractor"/>).
    /// </summary>
    private static void Links(ExtractionContext context, OpenXmlPart part, string where)
    {
        foreach (var link in part.HyperlinkRelationships)
        {
            if (LinkTarget(link) is { } target)
            {
                context.Sink.AppendLine(where, target);
            }
        }
    }

    /// <summary>The target of a mailto: or tel: hyperlink, unescaped ("mailto:anna@fjord.example"); null for any other.</summary>
    internal static string? LinkTarget(HyperlinkRelationship link) => HtmlExtractor.MailOrPhone(link.Uri.OriginalString);

    /// <summary>
    /// Keeps a worksheet's rows in columns: a row lists only the cells that hold something, so an empty cell is written as
    /// an empty tab-separated field (its column read from the cell's reference, "C7") and each value stays under its label.
    /// The first row is the sheet's header when it reads as one (<see cref="TableHeader.Read"/>). A gap wider than
    /// <see cref="MaxGap"/> is not padded (a sheet with one cell at XFD would be written 16,384 tabs a row): the labels end
    /// at that row instead.
    /// </summary>
    private sealed class SheetColumns
    {
        private const int MaxGap = 16;
        private int _next = 1;
        private int _rows;
        private bool _aligned = true;
        private bool _labelled;
        private bool _ended;

        public void Cell(System.Text.StringBuilder row, string? reference)
        {
            int column = ColumnOf(reference);
            int gap = column == 0 ? 0 : column - _next;
            if (gap is > 0 and <= MaxGap)
            {
                row.Append('\t', gap);
            }
            else if (gap != 0)
            {
                _aligned = false;
            }

            _next = (column == 0 ? _next : column) + 1;
        }

        /// <returns>A table to record before the row's text at <paramref name="at"/>: the header, or the end of its labels.</returns>
        public TableHeader? EndRow(string text, long at)
        {
            bool first = _rows++ == 0;
            bool aligned = _aligned;
            _next = 1;
            _aligned = true;
            if (first)
            {
                var header = aligned ? TableHeader.Read(text.AsSpan(), at, at + text.Length + 1, '\t') : null;
                _labelled = header is not null;
                return header;
            }

            if (!aligned && _labelled && !_ended)
            {
                _ended = true;
                return TableHeader.End(at);
            }

            return null;
        }

        /// <summary>The column number of a cell reference ("C7": 3), or 0 when there is none.</summary>
        private static int ColumnOf(string? reference)
        {
            int column = 0;
            foreach (char c in reference ?? string.Empty)
            {
                if (c is >= 'A' and <= 'Z' && column < 100_000)
                {
                    column = (column * 26) + (c - 'A' + 1);
                }
                else
                {
                    break;
                }
            }

            return column;
        }
    }

    /// <summary>
    /// Streams the text elements of one part, a line per block element; each of <paramref name="marks"/> (a line break, a tab)
    /// is written as its characters before the text that follows it.
    /// </summary>
    private static void Stream(ExtractionContext context, OpenXmlPart part, string where, HashSet<Type> text, Type block, Dictionary<Type, string>? marks = null)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (TextOf(reader, text, block, marks) is { } written)
            {
                context.Sink.Append(where, written);
            }
        }
    }

    /// <summary>
    /// What the reader's element writes: a mark's characters (a line break, a tab), a text element's text after its mark, a
    /// line break at a block's end; null for anything else.
    /// </summary>
    private static string? TextOf(OpenXmlReader reader, HashSet<Type> text, Type block, Dictionary<Type, string>? marks)
    {
        var type = reader.ElementType;
        if (!reader.IsStartElement)
        {
            return type == block && reader.IsEndElement ? "\n" : null;
        }

        string? mark = marks is not null && marks.TryGetValue(type, out string? found) ? found : null;
        if (type == typeof(W.SimpleField))
        {
            // A field written in one element: its instruction (HYPERLINK "mailto:...") is an attribute, its result the runs inside.
            return " " + Attribute(reader, "instr") + " ";
        }

        return text.Contains(type) ? mark + reader.GetText() : mark;
    }

    private static void Properties(ExtractionContext context, OpenXmlPackage package, string where)
    {
        var p = package.PackageProperties;
        string metadata = ContentExtractor.Within(where, "Metadata");
        foreach (string? value in new[] { p.Creator, p.LastModifiedBy, p.Title, p.Subject, p.Keywords, p.Description, p.Category })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                context.Sink.AppendLine(metadata, value!);
            }
        }
    }
}
