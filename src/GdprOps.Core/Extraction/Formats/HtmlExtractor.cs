using System;
using System.IO;
using System.Linq;
using System.Net;
using HtmlAgilityPack;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// The text a reader sees in HTML, without scripts and styles, plus the targets of mailto: and tel: links
/// (a newsletter list often shows "Subscriber 1" and hides the address in the link).
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

    private static void Write(HtmlDocument document, ChunkingTextSink sink, string where)
    {
        foreach (var node in document.DocumentNode.DescendantsAndSelf())
        {
            if (node.NodeType == HtmlNodeType.Text && !InHiddenElement(node))
            {
                string text = WebUtility.HtmlDecode(node.InnerText);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    sink.AppendLine(where, text.Trim());
                }
            }
            else if (node.NodeType == HtmlNodeType.Element && node.Name == "a")
            {
                string href = WebUtility.HtmlDecode(node.GetAttributeValue("href", string.Empty));
                if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
                {
                    sink.AppendLine(where, Uri.UnescapeDataString(href));
                }
            }
            else if (node.NodeType == HtmlNodeType.Element && node.Name == "title")
            {
                continue;
            }
        }
    }

    private static bool InHiddenElement(HtmlNode node) =>
        node.Ancestors().Any(a => a.Name is "script" or "style" or "noscript" or "template");
}
