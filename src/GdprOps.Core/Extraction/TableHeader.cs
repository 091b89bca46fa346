using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace GdprOps.Extraction;

/// <summary>
/// The header row of a table in a part's text (a CSV or TSV file, a worksheet): its labels say what every cell below them
/// holds. A context word 300 characters away covers the first rows of an export only; "BSN", "Telefon" or "Fødselsdato"
/// over a column is the context of each of its cells, on row 10,000 as on row 1. Rows are the lines after the header, their
/// cells split by <see cref="Separator"/> (outside double quotes, unless the separator is a tab).
/// </summary>
public sealed class TableHeader
{
    /// <summary>Labels longer than this are text, not a header.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>How many lines from the top the header may stand at (below a title, a blank line, "sep=;").</summary>
    public const int MaxLeadingLines = 5;

    /// <summary>A label of more words than this is a sentence, not a label: it gives its column no context.</summary>
    public const int MaxLabelWords = 4;

    /// <summary>A table narrower than this has no header row worth reading (and a line with one comma is as often prose).</summary>
    public const int MinColumns = 2;

    /// <summary>A worksheet or file wider than this is not read as columns (its labels would cost more than they say).</summary>
    public const int MaxColumns = 512;

    private static readonly char[] Separators = { ',', ';', '\t', '|' };
    // Made on the first question: a document of many small tables keeps no dictionary for those never asked about.
    private ConcurrentDictionary<object, bool[]>? _labels;

    private TableHeader(long offset, long rowsFrom, char separator, string[] cells, int? rowSeparators)
    {
        Offset = offset;
        RowsFrom = rowsFrom;
        Separator = separator;
        Cells = cells;
        RowSeparators = rowSeparators;
    }

    /// <summary>Where the header line starts in its part (absolute position).</summary>
    public long Offset { get; }

    /// <summary>Where the table's first row starts in its part: just past the header line.</summary>
    public long RowsFrom { get; }

    public char Separator { get; }

    /// <summary>The labels, trimmed and unquoted, in column order.</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>
    /// The header of delimited text starting at <paramref name="offset"/> of its part: the first of its first
    /// <see cref="MaxLeadingLines"/> lines that splits into labels (<see cref="Read"/>) on the separator that splits it most,
    /// when the line after it splits into as many cells (a letter's "Dear Anna, thank you" does not). A title, a blank line
    /// or Excel's "sep=;" may stand above the header. Null when the text is not a table with a header.
    /// </summary>
    public static TableHeader? Sniff(ReadOnlySpan<char> text, long offset)
    {
        int lineStart = 0;
        for (int line = 0; line < MaxLeadingLines; line++)
        {
            int length = text.Slice(lineStart).IndexOf('\n');
            if (length < 0)
            {
                return null;
            }

            var header = TrimReturn(text.Slice(lineStart, length));
            int rowsFrom = lineStart + length + 1;
            var rest = text.Slice(rowsFrom);
            int nextLength = rest.IndexOf('\n');
            var next = TrimReturn(nextLength < 0 ? rest : rest.Slice(0, nextLength));
            char best = '\0';
            int most = 0;
            foreach (char separator in Separators)
            {
                int count = Count(header, separator);
                if (count > most)
                {
                    (best, most) = (separator, count);
                }
            }

            if (most >= MinColumns - 1 && next.Length > 0 && Count(next, best) == most && Read(header, offset + lineStart, offset + rowsFrom, best, most) is { } table)
            {
                return table;
            }

            lineStart = rowsFrom;
        }

        return null;
    }

    /// <summary>
    /// How many separators a line of the table has when it is a whole row (a CSV file's lines, as many as its header's), or
    /// null when rows may be shorter (a worksheet leaves out trailing empty cells). A line with more is a piece of a record
    /// whose quoted cell holds a line break, and its cells' columns are not known; one with fewer is either that or a row
    /// whose trailing empty fields were left out (<see cref="Columns"/> tells them apart).
    /// </summary>
    public int? RowSeparators { get; }

    /// <summary>Where a table ends (a worksheet whose columns are no longer known, or without a header): its rows have no labels.</summary>
    public static TableHeader End(long at) => new(at, at, '\t', Array.Empty<string>(), null);

    /// <summary>
    /// The header whose line is <paramref name="line"/> (without its line break), or null when its cells are not labels:
    /// more than <see cref="MaxColumns"/> of them, one longer than <see cref="MaxLabelLength"/>, fewer than
    /// <see cref="MinColumns"/> of at most <see cref="MaxLabelWords"/> words, or one that looks like a
    /// value (an '@', three digits or more): the first row of a file without a header is data, and its values are no labels.
    /// </summary>
    /// <param name="rowSeparators">See <see cref="RowSeparators"/>.</param>
    public static TableHeader? Read(ReadOnlySpan<char> line, long offset, long rowsFrom, char separator, int? rowSeparators = null)
    {
        var cells = new List<string>();
        bool letter = false;
        foreach (var (from, to) in Split(line, separator))
        {
            var cell = Unquote(line.Slice(from, to - from).Trim());
            int digits = 0;
            foreach (char c in cell)
            {
                digits += c is >= '0' and <= '9' ? 1 : 0;
                letter |= char.IsLetter(c);
                if (c == '@')
                {
                    return null;
                }
            }

            if (cell.Length > MaxLabelLength || digits >= 3 || cells.Count == MaxColumns)
            {
                return null;
            }

            // A label is a few words ("Date of birth", "Telefoonnummer (mobiel)"); a longer cell says nothing of its column.
            cells.Add(Words(cell) <= MaxLabelWords ? cell.ToString() : string.Empty);
        }

        // A trailing separator (as worksheets are written: every cell followed by a tab) closes the last label, adds none.
        if (cells.Count > 0 && cells[cells.Count - 1].Length == 0 && line.Length > 0 && line[line.Length - 1] == separator)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        // Two labels at least: a letter's first line ("Dear Anna, thank you for the call") is one name and a sentence.
        int labels = 0;
        foreach (string cell in cells)
        {
            labels += cell.Length > 0 ? 1 : 0;
        }

        return labels >= MinColumns && letter ? new TableHeader(offset, rowsFrom, separator, cells.ToArray(), rowSeparators) : null;
    }

    private static int Words(ReadOnlySpan<char> cell)
    {
        int words = 0;
        for (int i = 0; i < cell.Length; i++)
        {
            words += char.IsLetterOrDigit(cell[i]) && (i == 0 || !char.IsLetterOrDigit(cell[i - 1])) ? 1 : 0;
        }

        return words;
    }

    /// <summary>A column in <see cref="Columns"/> for a character whose row began before the text (its column is not known).</summary>
    public const ushort UnknownColumn = ushort.MaxValue;

    /// <summary>
    /// The column of every character of <paramref name="text"/> into <paramref name="columns"/>: the separators before it on
    /// its line, outside double quotes (a tab-separated row has no quoting), counting on from <paramref name="start"/> (where
    /// the table's rows stood at the text's first character). A record whose quoted cell holds a line break (a note, an
    /// address) is one row of several lines when it ends whole: its quotes closed and exactly <see cref="RowSeparators"/>
    /// separators, so the values after the note stand under their labels. <see cref="UnknownColumn"/> on a line that is no
    /// whole row: one whose start was not read (<see cref="TableLine.Cut"/>), one whose quotes do not close and do not make a
    /// whole record (a stray quote: the lines after it are read on their own), one in a record that is not yet known to end
    /// whole at the text's end, and one with more separators than <see cref="RowSeparators"/> asks: its values would stand
    /// under the wrong labels. A line with fewer is a row whose trailing empty fields were left out ("Jan de Vries;123456782"
    /// under "Naam;BSN;Telefoon;Notitie") when it holds no quote and the line before it was a row. One pass,
    /// however many candidates ask: a row of 30,000 characters asked about at every number would otherwise be read back to its
    /// start each time.
    /// </summary>
    /// <returns>Where the rows stand at the text's end.</returns>
    public static TableLine Columns(ReadOnlySpan<char> text, TableLine start, Span<ushort> columns) => Lex(text, start, columns, write: true);

    /// <summary>Where the rows stand at the end of <paramref name="text"/>, read on from <paramref name="start"/> (<see cref="Columns"/> without the columns).</summary>
    public static TableLine Follow(ReadOnlySpan<char> text, TableLine start) => Lex(text, start, default, write: false);

    /// <summary>
    /// Where the rows stand at the end of <paramref name="text"/> (read on from <paramref name="start"/>), reading no more of
    /// it than it must: the last line from its start, and the lines before it back to one that decides whether the line
    /// after it is a row (a whole row, or a line that is none whatever came before it). Rows that leave out trailing fields
    /// only chain it further back; only a text of such rows is read whole. The sink asks this of every chunk of a table.
    /// </summary>
    public static TableLine At(ReadOnlySpan<char> text, TableLine start)
    {
        int lastBreak = text.LastIndexOf('\n');
        if (lastBreak < 0 || (start.Table.Separator != '\t' && start.Table.RowSeparators is not null && (start.Quoted || start.InRecord || text.IndexOf('"') >= 0)))
        {
            // A quoted cell may hold line breaks (see Lex): where a line starts a row is known only reading forward.
            return Follow(text, start);
        }

        var table = start.Table;
        bool afterRow = false;
        for (int end = lastBreak; ; )
        {
            int lineStart = text.Slice(0, end).LastIndexOf('\n') + 1;
            if (lineStart == 0)
            {
                // The text's first line carries on from the start: read forward from there instead.
                afterRow = Follow(text.Slice(0, lastBreak + 1), start).AfterRow;
                break;
            }

            var line = Follow(text.Slice(lineStart, end - lineStart), TableLine.LineStart(table));
            bool row = IsRow(table.RowSeparators, known: true, line.Quoted, line.Separators, line.AnyQuote, afterRow: false);
            if (row || !IsRow(table.RowSeparators, known: true, line.Quoted, line.Separators, line.AnyQuote, afterRow: true))
            {
                // Decided whatever came before it; the lines after it, rows only after a row, follow it.
                afterRow = row;
                break;
            }

            end = lineStart - 1;
        }

        var last = Follow(text.Slice(lastBreak + 1), TableLine.LineStart(table));
        return new TableLine(table, known: true, last.Quoted, last.AnyQuote, afterRow, last.Separators, last.QuoteOpensField, last.AtCellStart, onItsOwn: false);
    }

    /// <summary>
    /// The longest record whose quoted cell holds a line break that is read as one row (a note of a few hundred lines); past
    /// it the quote is taken for a stray one ("12\" pizza") and the lines are read one by one.
    /// </summary>
    public const int MaxRecordChars = 16 * 1024;

    /// <param name="records">Whether a quoted cell may hold a line break; false reads each line on its own (each quote closes at its line's end).</param>
    private static TableLine Lex(ReadOnlySpan<char> text, TableLine start, Span<ushort> columns, bool write, bool records = true)
    {
        var table = start.Table;
        char separator = table.Separator;
        bool quotes = separator != '\t';
        // A quoted cell may hold a line break (RFC 4180): such a record is one row when it has exactly a row's separators, which
        // only a table of known width (a CSV file's) says. Its columns are written as it is read and kept when it ends whole;
        // one that does not (a stray quote: "12\" pizza") is read again line by line, as if its quote closed at its line's end,
        // and so is one still open at the text's end (the state returned is the record's: the next text may end it whole).
        int width = quotes && records ? table.RowSeparators ?? -1 : -1;
        bool known = start.Known;
        bool quoted = start.Quoted;
        bool fieldQuote = start.QuoteOpensField;
        bool anyQuote = start.AnyQuote;
        bool afterRow = start.AfterRow;
        int column = start.Separators;
        int lineStart = 0;
        bool inRecord = start.InRecord && width >= 0;
        int recordStart = 0;            // where the record's first line starts in the text (0 also when it began before it)
        int recordSecond = -1;          // where its second line starts, or -1 when its first line began before the text
        int recordBefore = start.RecordLength;
        int lineByLine = start.OnItsOwn ? 1 : 0; // lines starting before this are read on their own: a record tried there was none
        for (int i = 0; ; )
        {
            // Only line breaks, quotes and separators change anything: the characters between them are skipped in bulk.
            var rest = text.Slice(i);
            int next = quotes ? rest.IndexOfAny('\n', '"', separator) : rest.IndexOfAny('\n', separator);
            int at = next < 0 ? text.Length : i + next;
            if (write)
            {
                columns.Slice(i, at - i).Fill(Capped(column));
            }

            if (next < 0)
            {
                break;
            }

            if (write)
            {
                columns[at] = Capped(column);
            }

            char c = text[at];
            i = at + 1;
            bool spoiled = false;
            if (c == '"')
            {
                // A quote opens a cell that may hold line breaks only at the cell's start; a quote doubled inside one is a quote
                // written in it. A record's cell closes where the cell ends: anything else is no record RFC 4180 writes.
                bool doubled = at > 0 && text[at - 1] == '"' && !quoted;
                if (!quoted && !doubled)
                {
                    fieldQuote = OpensField(text, at, separator, start.AtCellStart);
                }

                spoiled = inRecord && (quoted ? i < text.Length && text[i] != separator && text[i] is not ('"' or '\r' or '\n') : !doubled && !fieldQuote);
                quoted = !quoted;
                anyQuote = true;
                if (!spoiled)
                {
                    continue;
                }
            }
            else if (c != '\n')
            {
                column += quoted ? 0 : 1;
                continue;
            }

            if (!spoiled && !inRecord && quoted && fieldQuote && known && width >= 0 && column <= width && lineStart >= lineByLine)
            {
                // A quoted cell goes on past the line's end: so does the record.
                (inRecord, recordStart, recordSecond, recordBefore) = (true, lineStart, at + 1, 0);
                continue;
            }

            if (!inRecord)
            {
                bool whole = IsRow(table.RowSeparators, known, quoted, column, anyQuote, afterRow);
                if (write && !whole)
                {
                    columns.Slice(lineStart, at - lineStart).Fill(UnknownColumn);
                }

                (afterRow, known, quoted, anyQuote, column, lineStart) = (whole, true, false, false, 0, at + 1);
                continue;
            }

            if (!spoiled && quoted && recordBefore + at - recordStart <= MaxRecordChars)
            {
                continue;
            }

            inRecord = false;
            if (!spoiled && !quoted && column == width)
            {
                // A whole row: its lines keep the columns written.
                (afterRow, known, quoted, anyQuote, column, lineStart) = (true, true, false, false, 0, at + 1);
                continue;
            }

            // No row: its lines are read again on their own, and no record starts before here.
            var byLine = ByLine(table, recordSecond, start);
            i = lineStart = Math.Max(recordSecond, 0);
            if (write)
            {
                columns.Slice(recordStart, i - recordStart).Fill(UnknownColumn);
            }

            lineByLine = at + 1;
            (known, quoted, anyQuote, afterRow, column) = (byLine.Known, byLine.Quoted, byLine.AnyQuote, byLine.AfterRow, byLine.Separators);
            fieldQuote = false;
        }

        if (inRecord)
        {
            // The record goes on past the text. Its columns stand if it is whole so far (its quotes closed, a row's separators,
            // as a last line's do); otherwise its lines are read on their own, and where they leave the rows is kept with the
            // record's state for the next text, in case it is no row either.
            bool whole = !quoted && column == width;
            int from = Math.Max(recordSecond, 0);
            if (write && !whole)
            {
                columns.Slice(recordStart, from - recordStart).Fill(UnknownColumn);
            }

            bool rewrite = write && !whole;
            var byLine = Lex(text.Slice(from), ByLine(table, recordSecond, start), rewrite ? columns.Slice(from) : default, rewrite, records: false);
            return TableLine.InsideRecord(table, quoted, anyQuote, afterRow, column, OpensField(text, text.Length, separator, start.AtCellStart), recordBefore + text.Length - recordStart, byLine);
        }

        // The last line may go on past the text: its separators so far decide here (a whole row ends the part).
        if (write && !IsRow(table.RowSeparators, known, quoted, column, anyQuote, afterRow))
        {
            columns.Slice(lineStart, text.Length - lineStart).Fill(UnknownColumn);
        }

        return new TableLine(table, known, quoted, anyQuote, afterRow, column, fieldQuote, OpensField(text, text.Length, separator, start.AtCellStart), lineStart < lineByLine);
    }

    /// <summary>
    /// Whether a quote at <paramref name="at"/> would start its cell: only spaces after a separator or a line's start (before
    /// the text, <paramref name="beforeText"/> says).
    /// </summary>
    private static bool OpensField(ReadOnlySpan<char> text, int at, char separator, bool beforeText)
    {
        int j = at - 1;
        while (j >= 0 && text[j] == ' ')
        {
            j--;
        }

        return j < 0 ? beforeText : text[j] == separator || text[j] == '\n';
    }

    /// <summary>
    /// Where a record that is no row leaves the rows at its second line (<paramref name="recordSecond"/>, in the text): its first
    /// line was none, its quote not closed. At the text's start (-1: the record began before it), where the start reads line by line.
    /// </summary>
    private static TableLine ByLine(TableHeader table, int recordSecond, TableLine start) =>
        recordSecond >= 0 ? new TableLine(table, known: true, quoted: false, anyQuote: false, afterRow: false, separators: 0) : start.LineByLine;

    private static ushort Capped(int column) => (ushort)Math.Min(column, UnknownColumn - 1);

    /// <summary>
    /// Whether a line of <paramref name="separators"/> is a row under <paramref name="width"/>: its start read and its quotes
    /// closed, and as many separators as the header, or fewer in a line without quotes right after a row (see
    /// <see cref="Columns"/>); any number when rows may be shorter anyway (a worksheet).
    /// </summary>
    private static bool IsRow(int? width, bool known, bool quoted, int separators, bool anyQuote, bool afterRow) =>
        known && !quoted && (width is not { } w || separators == w || (separators < w && !anyQuote && afterRow));

    /// <summary>
    /// For each column, whether its label answers <paramref name="test"/>, worked out once per key (a word list: the
    /// caller's own, compared by reference) and kept: thousands of rows ask the same.
    /// </summary>
    public bool[] Labels<TKey>(TKey key, Func<string, TKey, bool> test)
        where TKey : class
    {
        var all = System.Threading.LazyInitializer.EnsureInitialized(ref _labels)!;
        return all.TryGetValue(key, out var labels) ? labels : all.GetOrAdd(key, Array.ConvertAll((string[])Cells, label => label.Length > 0 && test(label, key)));
    }

    private static ReadOnlySpan<char> TrimReturn(ReadOnlySpan<char> line) => line.Length > 0 && line[line.Length - 1] == '\r' ? line.Slice(0, line.Length - 1) : line;

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> cell) =>
        cell.Length >= 2 && cell[0] == '"' && cell[cell.Length - 1] == '"' ? cell.Slice(1, cell.Length - 2).Trim() : cell;

    /// <summary>How many separators split <paramref name="line"/> (outside quotes: <see cref="Split"/>).</summary>
    private static int Count(ReadOnlySpan<char> line, char separator) => Split(line, separator).Count - 1;

    private static List<(int From, int To)> Split(ReadOnlySpan<char> line, char separator)
    {
        var cells = new List<(int, int)>();
        int from = 0;
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '"' && separator != '\t')
            {
                quoted = !quoted;
            }
            else if (line[i] == separator && !quoted)
            {
                cells.Add((from, i));
                from = i + 1;
            }
        }

        cells.Add((from, line.Length));
        return cells;
    }
}
