using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// The text a reader sees in HTML, without scripts and styles, plus the targets of mailto: and tel: links
/// (a newsletter list often shows "Subscriber 1" and hides the address in the link). A table that holds no other table (a
/// report or an export mailed as HTML, not a newsletter's layout) is written a row per line, its cells separated by tabs
/// as a worksheet's are, and its first row is its header when it reads as one: its labels are the context of every cell
/// below them (<see cref="TableHeader"/>).
/// </summary>
internal static class HtmlExtractor
{
    /// <summary>
    /// How many empty fields a row may gain from cells spanning columns or rows above it: beyond this its columns are no
    /// longer kept (the table's labels end there), so a few bytes of "colspan=1000" cannot turn into kilobytes of tabs.
    /// </summary>
    private const int MaxSpanPadding = 64;

    /// <summary>How many title rows (one cell with text) may stand above a table's header row.</summary>
    private const int MaxTitleRows = 2;

    public static void Extract(Stream stream, ChunkingTextSink sink, string where)
    {
        var document = new HtmlDocument { OptionMaxNestedChildNodes = 1000 };
        document.Load(stream, detectEncodingFromByteOrderMarks: true);
        Write(document, sink, where);
    }

    public static void Extract(string html, ChunkingTextSink sink, string where)
    {
        var document = new HtmlDocument { OptionMaxNestedChildNodes = 1000 };
        document.LoadHtml(html);
        Write(document, sink, where);
    }

    /// <summary>The nodes in document order; a data table's rows as lines of cells, what else it holds after them.</summary>
    private static void Write(HtmlDocument document, ChunkingTextSink sink, string where)
    {
        var layout = LayoutTables(document);
        var written = new HashSet<HtmlNode>();
        var stack = new Stack<(HtmlNode Node, bool Hidden)>();
        stack.Push((document.DocumentNode, false));
        while (stack.Count > 0)
        {
            var (node, hidden) = stack.Pop();
            if (node.NodeType == HtmlNodeType.Text)
            {
                string text = hidden ? string.Empty : WebUtility.HtmlDecode(node.InnerText);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    sink.AppendLine(where, text.Trim());
                }

                continue;
            }

            if (node.NodeType == HtmlNodeType.Element && node.Name == "a" && LinkTarget(node) is { } target)
            {
                sink.AppendLine(where, target);
            }
            else if (node.NodeType == HtmlNodeType.Element && node.Name == "table" && !hidden && !layout.Contains(node))
            {
                WriteTable(node, sink, where, written);
            }

            bool childrenHidden = hidden || node.Name is "script" or "style" or "noscript" or "template";
            for (int k = node.ChildNodes.Count - 1; k >= 0; k--)
            {
                var child = node.ChildNodes[k];
                if (!written.Contains(child))
                {
                    stack.Push((child, childrenHidden));
                }
            }
        }
    }

    /// <summary>The tables that hold another table: a page's or a newsletter's layout, whose cells are no columns of data.</summary>
    private static HashSet<HtmlNode> LayoutTables(HtmlDocument document)
    {
        var layout = new HashSet<HtmlNode>();
        foreach (var table in document.DocumentNode.Descendants("table"))
        {
            // Up to the first table already known to be layout: the tables above it are marked already.
            for (var up = table.ParentNode; up is not null; up = up.ParentNode)
            {
                if (up.Name == "table" && !layout.Add(up))
                {
                    break;
                }
            }
        }

        return layout;
    }

    /// <summary>
    /// Writes the rows of a table that holds no other table, one line each, and records them as written: the walk goes on
    /// into the table for what stands outside its rows (a caption, stray text), after the table's labels have ended.
    /// </summary>
    private static void WriteTable(HtmlNode table, ChunkingTextSink sink, string where, HashSet<HtmlNode> written)
    {
        // A table before this one (a sheet before the next, in a worksheet's terms) labels nothing here.
        sink.EndTable(where);
        var spans = new List<int>();
        var line = new StringBuilder();
        var cell = new StringBuilder();
        bool seeking = true;
        int rows = 0;
        bool aligned = true;
        foreach (var row in table.Descendants("tr"))
        {
            line.Clear();
            int column = 0;
            int padding = 0;
            int filled = 0;
            foreach (var node in row.ChildNodes)
            {
                if (node.Name is not ("td" or "th"))
                {
                    continue;
                }

                // The columns still held by cells of the rows above (rowspan) come first.
                for (; column < spans.Count && spans[column] > 0; column++)
                {
                    spans[column]--;
                    aligned &= ++padding <= MaxSpanPadding;
                    line.Append(aligned ? "\t" : string.Empty);
                }

                cell.Clear();
                CellText(node, cell);
                line.Append(cell).Append('\t');
                filled += cell.Length > 0 ? 1 : 0;
                int across = Span(node, "colspan", 1000);
                int down = Span(node, "rowspan", 65534);
                for (int c = column; c < column + across && c < TableHeader.MaxColumns; c++)
                {
                    while (spans.Count <= c)
                    {
                        spans.Add(0);
                    }

                    spans[c] = down - 1;
                    if (c > column)
                    {
                        aligned &= ++padding <= MaxSpanPadding;
                        line.Append(aligned ? "\t" : string.Empty);
                    }
                }

                column += across;
            }

            // Columns held from above after the row's last cell end the row: they are counted down as well.
            for (; column < spans.Count; column++)
            {
                spans[column] -= spans[column] > 0 ? 1 : 0;
            }

            string text = line.ToString();
            if (seeking)
            {
                long at = sink.Position(where);
                if (TableHeader.Read(text.AsSpan(), at, at + text.Length + 1, '\t') is { } header)
                {
                    sink.AddTable(where, header);
                    seeking = false;
                }

                // A title row above the header ("Medarbejdere", one cell across the table) is passed over; any other row
                // is data, and a table whose first rows are data has no header below them.
                seeking = seeking && ++rows < MaxTitleRows + 1 && filled <= 1;
            }
            else if (!aligned)
            {
                // This row's cells no longer stand in their columns: the labels end at it, as a worksheet's at a wide gap.
                sink.EndTable(where);
            }

            sink.AppendLine(where, text);
            written.Add(row);
        }

        sink.EndTable(where);
    }

    /// <summary>
    /// The text of a cell on one line: its text nodes and the targets of its mailto: and tel: links, separated by spaces (its
    /// line breaks and tabs are spaces too). A row inside the cell is left to be written as a row of its own.
    /// </summary>
    private static void CellText(HtmlNode cell, StringBuilder text)
    {
        var stack = new Stack<HtmlNode>();
        stack.Push(cell);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            string? piece = node.NodeType == HtmlNodeType.Text ? WebUtility.HtmlDecode(node.InnerText)
                : node.NodeType == HtmlNodeType.Element && node.Name == "a" ? LinkTarget(node)
                : null;
            if (!string.IsNullOrWhiteSpace(piece))
            {
                int at = text.Length;
                text.Append(text.Length > 0 ? " " : string.Empty).Append(piece!.Trim());
                text.Replace('\n', ' ', at, text.Length - at).Replace('\r', ' ', at, text.Length - at).Replace('\t', ' ', at, text.Length - at);
            }

            if (node.NodeType == HtmlNodeType.Element && node.Name is "script" or "style" or "noscript" or "template" or "tr")
            {
                continue;
            }

            for (int k = node.ChildNodes.Count - 1; k >= 0; k--)
            {
                stack.Push(node.ChildNodes[k]);
            }
        }
    }

    /// <summary>
    /// How many columns or rows a cell spans: 1 unless its attribute says more, at most <paramref name="most"/> (the HTML
    /// standard's limits). A rowspan of 0 spans the rest of the table.
    /// </summary>
    private static int Span(HtmlNode cell, string attribute, int most) =>
        !int.TryParse(cell.GetAttributeValue(attribute, "1").Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int span) ? 1
        : span == 0 ? (attribute == "rowspan" ? most : 1)
        : Math.Min(span, most);

    /// <summary>The target of a mailto: or tel: link, unescaped; null for any other.</summary>
    private static string? LinkTarget(HtmlNode link)
    {
        string href = WebUtility.HtmlDecode(link.GetAttributeValue("href", string.Empty));
        return href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(href) : null;
    }
}
