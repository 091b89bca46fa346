using System;
using System.Text;

namespace GdprOps.Extraction;

/// <summary>
/// Writes the rows of a document's table (HTML, Word) to a part as a worksheet's are written: a row per line, each cell
/// followed by a tab, a cell's own line breaks and tabs as spaces. Its header row is recorded when it reads as one
/// (<see cref="TableHeader.Read"/>), so its labels are the context of every cell below them. The extractor says where cells
/// span columns (<see cref="Pad"/>); a row that would need more padding than <see cref="MaxPadding"/> ends the labels there.
/// </summary>
internal sealed class TableRowWriter
{
    /// <summary>
    /// How many empty fields a row may gain from cells spanning columns or rows: beyond this its columns are no longer kept
    /// (the table's labels end there), so a few bytes of "colspan=1000" cannot turn into kilobytes of tabs.
    /// </summary>
    public const int MaxPadding = 64;

    /// <summary>How many title rows (one cell with text, "Medarbejdere 2026" across the table) may stand above the header row.</summary>
    public const int MaxTitleRows = 2;

    private readonly ChunkingTextSink _sink;
    private readonly string _where;
    private readonly StringBuilder _line = new();
    private bool _seeking = true;
    private int _rows;
    private int _padding;
    private int _filled;
    private bool _aligned = true;

    /// <summary>Starts a table in <paramref name="where"/>: a table before it labels nothing here.</summary>
    public TableRowWriter(ChunkingTextSink sink, string where)
    {
        _sink = sink;
        _where = where;
        sink.EndTable(where);
    }

    /// <summary>Adds <paramref name="text"/> as the row's next cell.</summary>
    public void Cell(string text)
    {
        int at = _line.Length;
        _line.Append(text.Trim()).Replace('\n', ' ', at, _line.Length - at).Replace('\r', ' ', at, _line.Length - at).Replace('\t', ' ', at, _line.Length - at).Append('\t');
        _filled += _line.Length - at > 1 ? 1 : 0;
    }

    /// <summary>Adds <paramref name="count"/> empty fields: the columns a cell spans past its first, or that cells above hold.</summary>
    public void Pad(int count)
    {
        for (int i = 0; i < count && _aligned; i++)
        {
            _aligned = ++_padding <= MaxPadding;
            _line.Append(_aligned ? "\t" : string.Empty);
        }
    }

    /// <summary>From this row on the cells no longer stand in their columns (a table inside a cell): the labels end at it.</summary>
    public void Misalign() => _aligned = false;

    /// <summary>Writes the row: the table's header when it is the first that reads as one, else a row under its labels.</summary>
    public void EndRow()
    {
        string text = _line.ToString();
        if (_seeking)
        {
            long at = _sink.Position(_where);
            if (_aligned && TableHeader.Read(text.AsSpan(), at, at + text.Length + 1, '\t') is { } header)
            {
                _sink.AddTable(_where, header);
                _seeking = false;
            }

            // A title row above the header is passed over; any other row is data, and a table whose first rows are data has
            // no header below them.
            _seeking = _seeking && ++_rows <= MaxTitleRows && _filled <= 1;
        }
        else if (!_aligned)
        {
            // As a worksheet's labels end at a row whose columns are lost.
            _sink.EndTable(_where);
        }

        _sink.AppendLine(_where, text);
        _line.Clear();
        _padding = 0;
        _filled = 0;
    }

    /// <summary>Ends the table: what follows it is no row of it.</summary>
    public void Complete() => _sink.EndTable(_where);
}
