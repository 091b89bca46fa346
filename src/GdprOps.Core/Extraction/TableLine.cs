using System;

namespace GdprOps.Extraction;

/// <summary>
/// Where the rows of a table stand at a point of its part: the line there so far (its separators, its quotes) and whether
/// the line before it was a row. A chunk is cut anywhere in a line, so its first line began in the chunk before; carried
/// from chunk to chunk (<see cref="TextChunk.LineAtStart"/>), it gives that line its columns, and a row that left out its
/// trailing fields after it its labels, however far down the part (<see cref="TableHeader.Columns"/>).
/// </summary>
public readonly struct TableLine
{
    // Inside a record: where the rows would stand read line by line, each quote closing at its line's end (see LineByLine).
    private readonly bool _byLineKnown;
    private readonly bool _byLineQuoted;
    private readonly bool _byLineAnyQuote;
    private readonly bool _byLineAfterRow;
    private readonly int _byLineSeparators;

    internal TableLine(TableHeader table, bool known, bool quoted, bool anyQuote, bool afterRow, int separators, bool quoteOpensField = false, bool atCellStart = false, bool onItsOwn = false)
        : this(table, known, quoted, anyQuote, afterRow, separators, quoteOpensField, atCellStart, onItsOwn, 0, default)
    {
    }

    private TableLine(TableHeader table, bool known, bool quoted, bool anyQuote, bool afterRow, int separators, bool quoteOpensField, bool atCellStart, bool onItsOwn, int recordLength, TableLine byLine)
    {
        Table = table;
        Known = known;
        Quoted = quoted;
        AnyQuote = anyQuote;
        AfterRow = afterRow;
        Separators = separators;
        QuoteOpensField = quoted && quoteOpensField;
        AtCellStart = atCellStart;
        OnItsOwn = onItsOwn;
        RecordLength = recordLength;
        _byLineKnown = byLine.Known;
        _byLineQuoted = byLine.Quoted;
        _byLineAnyQuote = byLine.AnyQuote;
        _byLineAfterRow = byLine.AfterRow;
        _byLineSeparators = byLine.Separators;
    }

    /// <summary>Inside a record of <paramref name="recordLength"/> characters so far (one at least); <paramref name="byLine"/> is <see cref="LineByLine"/>.</summary>
    internal static TableLine InsideRecord(TableHeader table, bool quoted, bool anyQuote, bool afterRow, int separators, bool atCellStart, int recordLength, TableLine byLine) =>
        new(table, known: true, quoted, anyQuote, afterRow, separators, quoteOpensField: true, atCellStart, onItsOwn: false, Math.Max(1, recordLength), byLine);

    /// <summary>
    /// Where the rows stand here when the record here is no row after all (a stray quote: "12\" pizza"): read line by line,
    /// each quote closing at its line's end. This line itself, outside a record.
    /// </summary>
    internal TableLine LineByLine => InRecord ? new(Table, _byLineKnown, _byLineQuoted, _byLineAnyQuote, _byLineAfterRow, _byLineSeparators, atCellStart: AtCellStart, onItsOwn: true) : this;

    /// <summary>The table whose rows these are (its separator, how many a row has).</summary>
    public TableHeader Table { get; }

    /// <summary>Whether the line's start was read: its separators so far are counted from it.</summary>
    public bool Known { get; }

    /// <summary>Whether the line is inside a quoted cell here.</summary>
    public bool Quoted { get; }

    /// <summary>
    /// Whether the quote open here began its field (as RFC 4180 writers quote a cell: right after a separator or at a line's
    /// start), so that it may hold a line break; an inch mark in a cell ("24\" scherm") does not.
    /// </summary>
    public bool QuoteOpensField { get; }

    /// <summary>Whether a cell starts here, as far as a quote is concerned: only spaces after a separator or a line's start.</summary>
    public bool AtCellStart { get; }

    /// <summary>Whether the line is read on its own (a record tried across it was none): no record starts on it.</summary>
    public bool OnItsOwn { get; }

    /// <summary>Whether the line has a quote before here.</summary>
    public bool AnyQuote { get; }

    /// <summary>Whether the line before was a row of the table.</summary>
    public bool AfterRow { get; }

    /// <summary>The separators before here on the line, outside quotes: the column here.</summary>
    public int Separators { get; }

    /// <summary>
    /// Inside a record whose quoted cell holds a line break, begun on an earlier line: how many characters of it came before
    /// here (0 when here is not inside one). Its separators so far are <see cref="Separators"/>.
    /// </summary>
    public int RecordLength { get; }

    /// <summary>Whether here is inside a record whose quoted cell holds a line break, begun on an earlier line.</summary>
    public bool InRecord => RecordLength > 0;

    /// <summary>The start of a line read from its start, after a line that was no row (the text's first line, a header's).</summary>
    public static TableLine LineStart(TableHeader table) => new(table, known: true, quoted: false, anyQuote: false, afterRow: false, separators: 0, atCellStart: true);

    /// <summary>A line whose start was not read: no row, whatever follows on it.</summary>
    public static TableLine Cut(TableHeader table) => new(table, known: false, quoted: false, anyQuote: false, afterRow: false, separators: 0);
}
