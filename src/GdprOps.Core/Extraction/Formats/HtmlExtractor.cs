using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// The text a reader sees in HTML, without scripts and styles, plus the targets of mailto: and tel: links
/// (a newsletter list often shows "Subscriber 1" and hides the address in the link), what elements hold in attributes
/// (form values, alt texts, tooltips, meta author and description), JSON-LD data blocks and comments (see
/// <see cref="CommentContent"/>). A table that holds no other table (a
/// report or an export mailed as HTML, not a newsletter's layout) is written a row per line by <see cref="TableRowWriter"/>,
/// its header's labels the context of every cell below them; cells spanning rows and columns keep the others in place.
/// </summary>
internal static class HtmlExtractor
{
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
    /// <param name="inComment">True for the markup inside a comment: a comment in it is not opened again.</param>
    private static void Write(HtmlDocument document, ChunkingTextSink sink, string where, bool inComment = false)
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

            if (node.NodeType == HtmlNodeType.Comment)
            {
                if (!inComment && CommentContent(node) is { } content)
                {
                    Write(content, sink, where, inComment: true);
                }

                continue;
            }

            if (node.NodeType == HtmlNodeType.Element && !hidden)
            {
                foreach (string value in AttributeText(node))
                {
                    sink.AppendLine(where, value);
                }
            }

            if (node.NodeType == HtmlNodeType.Element && node.Name == "script" && !hidden && IsData(node))
            {
                // JSON-LD and JSON data blocks are data, not code: a saved page's Person, its contact points.
                string json = WebUtility.HtmlDecode(node.InnerText);
                if (!string.IsNullOrWhiteSpace(json))
                {
                    sink.AppendLine(where, json.Trim());
                }
            }

            if (node.NodeType == HtmlNodeType.Element && node.Name == "a" && LinkTarget(node) is { } target)
            {
                sink.AppendLine(where, target);
            }
            else if (node.NodeType == HtmlNodeType.Element && node.Name == "table" && !hidden && !layout.Contains(node))
            {
                WriteTable(node, sink, where, written);
            }

            bool childrenHidden = hidden || IsHidden(node);
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
        var climbed = new HashSet<HtmlNode>();
        foreach (var table in Elements(document.DocumentNode, "table"))
        {
            // Up to the first element an earlier table climbed through: the tables above it are marked already. Each element
            // is climbed through once, so ten thousand tables a thousand elements deep cost as many steps as elements.
            for (var up = table.ParentNode; up is not null && climbed.Add(up); up = up.ParentNode)
            {
                if (up.Name == "table")
                {
                    layout.Add(up);
                }
            }
        }

        return layout;
    }

    /// <summary>
    /// The elements named <paramref name="name"/> below <paramref name="root"/>, in document order. Walked with a stack of its
    /// own: HtmlAgilityPack's Descendants nests an iterator per level, so each element costs as many steps as it is deep, and
    /// a page a thousand elements deep was a thousand times slower to walk.
    /// </summary>
    private static IEnumerable<HtmlNode> Elements(HtmlNode root, string name)
    {
        var stack = new Stack<HtmlNode>();
        for (int k = root.ChildNodes.Count - 1; k >= 0; k--)
        {
            stack.Push(root.ChildNodes[k]);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Name == name)
            {
                yield return node;
            }

            for (int k = node.ChildNodes.Count - 1; k >= 0; k--)
            {
                stack.Push(node.ChildNodes[k]);
            }
        }
    }

    /// <summary>
    /// Writes the rows of a table that holds no other table, one line each, and records them as written: the walk goes on
    /// into the table for what stands outside its rows (a caption, stray text), after the table's labels have ended.
    /// </summary>
    private static void WriteTable(HtmlNode table, ChunkingTextSink sink, string where, HashSet<HtmlNode> written)
    {
        var writer = new TableRowWriter(sink, where);
        // Per column, how many more rows a cell above still holds it (rowspan).
        var spans = new List<int>();
        var cell = new StringBuilder();
        foreach (var row in Elements(table, "tr"))
        {
            int column = 0;
            foreach (var node in row.ChildNodes)
            {
                if (node.Name is not ("td" or "th"))
                {
                    continue;
                }

                // The columns still held by cells of the rows above come first.
                for (; column < spans.Count && spans[column] > 0; column++)
                {
                    spans[column]--;
                    writer.Pad(1);
                }

                cell.Clear();
                CellText(node, cell);
                writer.Cell(cell.ToString());
                int across = Span(node, "colspan", 1000);
                int down = Span(node, "rowspan", 65534);
                for (int c = column; c < column + across && c < TableHeader.MaxColumns; c++)
                {
                    while (spans.Count <= c)
                    {
                        spans.Add(0);
                    }

                    spans[c] = down - 1;
                }

                writer.Pad(across - 1);
                column += across;
            }

            // Columns held from above after the row's last cell end the row: they are counted down as well.
            for (; column < spans.Count; column++)
            {
                spans[column] -= spans[column] > 0 ? 1 : 0;
            }

            writer.EndRow();
            written.Add(row);
        }

        writer.Complete();
    }

    /// <summary>
    /// The text of a cell: its text nodes and the targets of its mailto: and tel: links, separated by spaces. A row inside the
    /// cell is left to be written as a row of its own.
    /// </summary>
    /// <param name="inComment">True for the markup inside a comment: a comment in it is not opened again.</param>
    private static void CellText(HtmlNode cell, StringBuilder text, bool inComment = false)
    {
        var stack = new Stack<HtmlNode>();
        stack.Push(cell);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType == HtmlNodeType.Comment)
            {
                if (!inComment && CommentContent(node) is { } content)
                {
                    CellText(content.DocumentNode, text, inComment: true);
                }

                continue;
            }

            string? piece = node.NodeType == HtmlNodeType.Text ? WebUtility.HtmlDecode(node.InnerText)
                : node.NodeType == HtmlNodeType.Element && node.Name == "a" ? LinkTarget(node)
                : null;
            if (!string.IsNullOrWhiteSpace(piece))
            {
                text.Append(text.Length > 0 ? " " : string.Empty).Append(piece!.Trim());
            }

            if (node.NodeType == HtmlNodeType.Element && (IsHidden(node) || node.Name == "tr"))
            {
                continue;
            }

            if (node.NodeType == HtmlNodeType.Element)
            {
                // A form field's value, an image's alt text, a tooltip: in the cell, with the cell's column label.
                foreach (string value in AttributeText(node))
                {
                    text.Append(text.Length > 0 ? " " : string.Empty).Append(value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
                }
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
    private static string? LinkTarget(HtmlNode link) => MailOrPhone(WebUtility.HtmlDecode(link.GetAttributeValue("href", string.Empty)));

    /// <summary>A mailto: or tel: link target, unescaped ("mailto:anna@fjord.example"); null for any other (Office links too).</summary>
    internal static string? MailOrPhone(string href) =>
        href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(href) : null;

    /// <summary>Meta tags whose content names a person or describes the page (author, description, keywords ...).</summary>
    private static readonly HashSet<string> MetaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "description", "keywords", "creator", "publisher", "reply-to", "og:title", "og:description", "twitter:creator", "dc.creator",
    };

    /// <summary>
    /// What an element holds in its attributes rather than as text: a form field's value (a saved form, a hidden input with
    /// the customer's number), an image's alt text and any element's tooltip (a signature's "Jens Holm", a photo's caption),
    /// a meta tag's author or description. Values of one to three characters are left out (a checkbox's "on", "1").
    /// </summary>
    private static IEnumerable<string> AttributeText(HtmlNode node)
    {
        string? Value(string name) => node.Attributes[name]?.DeEntitizeValue is { } v && v.Trim().Length > 3 ? v.Trim() : null;
        if (node.Name is "input" or "button" or "option" or "param" or "data" or "meter" && Value("value") is { } value
            && !(node.Name == "option" && string.Equals(value, node.InnerText.Trim(), StringComparison.Ordinal)))
        {
            yield return value;
        }

        if (node.Name is "img" or "area" or "input" && Value("alt") is { } alt)
        {
            yield return alt;
        }

        if (Value("title") is { } title)
        {
            yield return title;
        }

        if (node.Name == "meta" && MetaNames.Contains(node.GetAttributeValue("name", null) ?? node.GetAttributeValue("property", null) ?? string.Empty)
            && Value("content") is { } content)
        {
            yield return content;
        }
    }

    /// <summary>A script element that holds data (JSON-LD, JSON), not code.</summary>
    private static bool IsData(HtmlNode node) =>
        node.GetAttributeValue("type", string.Empty).Trim().ToLowerInvariant() is "application/ld+json" or "application/json";

    /// <summary>
    /// What a comment holds, parsed as markup of its own; null for a declaration (&lt;!DOCTYPE html&gt;) or an empty comment.
    /// Nobody sees a comment, but it keeps what a person wrote and took back (a paragraph commented out with the customer's
    /// CPR in it, an old signature), and Word and Outlook write a document's properties in one (a conditional comment
    /// "[if gte mso 9]" around &lt;o:Author&gt;Jens Holm&lt;/o:Author&gt;). Its markup is read as the page's is: text,
    /// links, attributes and tables. A comment inside a comment's markup is not opened: the text it could hold is a part of
    /// this one's, and a page of nested comment openers would otherwise be parsed once per opener.
    /// </summary>
    private static HtmlDocument? CommentContent(HtmlNode node)
    {
        string comment = ((HtmlCommentNode)node).Comment ?? string.Empty;
        if (!comment.StartsWith("<!--", StringComparison.Ordinal))
        {
            return null;
        }

        int start = 4, end = comment.EndsWith("-->", StringComparison.Ordinal) && comment.Length >= 7 ? comment.Length - 3 : comment.Length;
        // A conditional comment's condition and its end ("[if mso]>" ... "<![endif]") are no text.
        if (comment.AsSpan(start).StartsWith("[if".AsSpan(), StringComparison.OrdinalIgnoreCase) && comment.IndexOf("]>", start, end - start, StringComparison.Ordinal) is int close and >= 0)
        {
            start = close + 2;
        }

        if (end - start >= 9 && string.CompareOrdinal(comment, end - 9, "<![endif]", 0, 9) == 0)
        {
            end -= 9;
        }

        string markup = end > start ? comment.Substring(start, end - start) : string.Empty;
        if (string.IsNullOrWhiteSpace(markup))
        {
            return null;
        }

        var content = new HtmlDocument { OptionMaxNestedChildNodes = 1000 };
        content.LoadHtml(markup);
        return content;
    }

    private static bool IsHidden(HtmlNode node) => node.Name is "script" or "style" or "noscript" or "template";
}
