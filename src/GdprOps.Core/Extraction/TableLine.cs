namespace GdprOps.Extraction;

/// <summary>
/// Where the rows of a table stand at a point of its part: the line there so far (its separators, its quotes) and whether
/// the line before it was a row. A chunk is cut anywhere in a line, so its first line began in the chunk before; carried
/// from chunk to chunk (<see cref="TextChunk.LineAtStart"/>), it gives that line its columns, and a row that left out its
/// trailing fields after it its labels, however far down the part (<see cref="TableHeader.Columns"/>).
/// </summary>
public readonly struct TableLine
{
    internal TableLine(TableHeader table, bool known, bool quoted, bool anyQuote, bool afterRow, int separators)
    {
        Table = table;
        Known = known;
        Quoted = quoted;
        AnyQuote = anyQuote;
        AfterRow = afterRow;
        Separators = separators;
    }

    /// <summary>The table whose rows these are (its separator, how many a row has).</summary>
    public TableHeader Table { get; }

    /// <summary>Whether the line's start was read: its separators so far are counted from it.</summary>
    public bool Known { get; }

    /// <summary>Whether the line is inside a quoted cell here.</summary>
    public bool Quoted { get; }

    /// <summary>Whether the line has a quote before here.</summary>
    public bool AnyQuote { get; }

    /// <summary>Whether the line before was a row of the table.</summary>
    public bool AfterRow { get; }

    /// <summary>The separators before here on the line, outside quotes: the column here.</summary>
    public int Separators { get; }

    /// <summary>The start of a line read from its start, after a line that was no row (the text's first line, a header's).</summary>
    public static TableLine LineStart(TableHeader table) => new(table, known: true, quoted: false, anyQuote: false, afterRow: false, separators: 0);

    /// <summary>A line whose start was not read: no row, whatever follows on it.</summary>
    public static TableLine Cut(TableHeader table) => new(table, known: false, quoted: false, anyQuote: false, afterRow: false, separators: 0);
}
