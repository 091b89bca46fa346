using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// The parts of a Word, Excel or PowerPoint file beyond its body that hold what people write or who they are, each with
/// where its text stands: the elements whose text is read and the attributes whose values are. Read by
/// <see cref="OoxmlExtractor"/> and redacted by <see cref="Removal.OfficeRedactor"/> from this one table, so what a sweep
/// finds there a redaction reaches. Unread, a person was missed wherever Office keeps a copy of their data:
/// <list type="bullet">
/// <item>a chart's titles and the cells it shows (cached in the chart: the sheet they came from may be gone);</item>
/// <item>text boxes and shapes on a worksheet, SmartArt (its data and the drawing Office caches of it);</item>
/// <item>a pivot table's cache, a full copy of its source rows, and the values cached from a linked workbook;</item>
/// <item>threaded comments (Excel, PowerPoint) and the legacy PowerPoint comments;</item>
/// <item>who commented or edited, with their sign-in address (Word's people, Excel's persons, PowerPoint's authors);</item>
/// <item>custom document properties (text values) and the manager and company of the extended ones;</item>
/// <item>a presentation's slide masters and layouts, notes and handout masters: the footer every slide shows ("Udarbejdet af
/// Jens Holm"), a contact line put on the master once.</item>
/// </list>
/// Elements and attributes are named by local name, whatever their namespace (each part's schema has one meaning for them).
/// </summary>
internal static class OfficeParts
{
    internal sealed class Reach
    {
        public Reach(string[] elements, string[] attributes, string[]? outside = null)
        {
            Elements = new HashSet<string>(elements, StringComparer.Ordinal);
            Attributes = new HashSet<string>(attributes, StringComparer.Ordinal);
            Outside = new HashSet<string>(outside ?? None, StringComparer.Ordinal);
        }

        /// <summary>Elements whose own text is read (a:t, c:v, text ...).</summary>
        public HashSet<string> Elements { get; }

        /// <summary>Attributes whose values are read (a cache's v, a person's displayName and userId ...).</summary>
        public HashSet<string> Attributes { get; }

        /// <summary>Elements inside which nothing is read (a chart's cache of numbers).</summary>
        public HashSet<string> Outside { get; }

        /// <summary>Whether <paramref name="element"/> stands inside one of <see cref="Outside"/> (for the redactor's tree).</summary>
        public bool IsOutside(System.Xml.Linq.XElement element) => Outside.Count > 0 && element.Ancestors().Any(a => Outside.Contains(a.Name.LocalName));
    }

    private static readonly string[] None = Array.Empty<string>();

    /// <summary>DrawingML text (a:t in a:p paragraphs): what a slide or its notes page holds, as the extractor reads it.</summary>
    public static readonly Reach DrawingText = new(new[] { "t" }, None);

    private static readonly Dictionary<Type, Reach> Extra = new()
    {
        // DrawingML text (a:t) wherever shapes, charts and SmartArt keep it; a chart's cached values (c:v).
        // Not its cache of numbers (c:numCache, c:numLit): sums and counts, which read as phone numbers and nobody's data.
        [typeof(ChartPart)] = new(new[] { "t", "v" }, None, new[] { "numCache", "numLit" }),
        [typeof(ChartDrawingPart)] = new(new[] { "t" }, None),
        [typeof(DrawingsPart)] = new(new[] { "t" }, None),
        [typeof(DiagramDataPart)] = new(new[] { "t" }, None),
        [typeof(DiagramPersistLayoutPart)] = new(new[] { "t" }, None),
        // What a presentation's masters and layouts show on every slide (a footer, a contact line), as its slides are read.
        [typeof(SlideMasterPart)] = DrawingText,
        [typeof(SlideLayoutPart)] = DrawingText,
        [typeof(NotesMasterPart)] = DrawingText,
        [typeof(HandoutMasterPart)] = DrawingText,
        // A pivot cache's shared items and records (s, n, d, e elements with a value each), a linked workbook's cached cells.
        [typeof(PivotTableCacheDefinitionPart)] = new(None, new[] { "v" }),
        [typeof(PivotTableCacheRecordsPart)] = new(None, new[] { "v" }),
        [typeof(ExternalWorkbookPart)] = new(new[] { "v" }, None),
        // Comments kept outside the body, and who wrote them.
        [typeof(WorksheetThreadedCommentsPart)] = new(new[] { "text" }, None),
        [typeof(WorkbookPersonPart)] = new(None, new[] { "displayName", "userId" }),
        [typeof(WordprocessingPeoplePart)] = new(None, new[] { "author", "userId" }),
        [typeof(SlideCommentsPart)] = new(new[] { "text" }, None),
        [typeof(CommentAuthorsPart)] = new(None, new[] { "name" }),
        [typeof(PowerPointCommentPart)] = new(new[] { "t" }, None),
        [typeof(PowerPointAuthorsPart)] = new(None, new[] { "name", "userId" }),
        // Properties: custom ones' text values, and the extended ones that name a person or a business.
        [typeof(CustomFilePropertiesPart)] = new(new[] { "lpwstr", "lpstr", "bstr" }, None),
        [typeof(ExtendedFilePropertiesPart)] = new(new[] { "Manager", "Company" }, None),
    };

    /// <summary>The parts of <paramref name="package"/> in the table, each once, with what is read in it.</summary>
    public static IEnumerable<(OpenXmlPart Part, Reach Reach)> Of(OpenXmlPackage package)
    {
        var seen = new HashSet<Uri>();
        foreach (var part in package.GetAllParts())
        {
            if (Extra.TryGetValue(part.GetType(), out var reach) && seen.Add(part.Uri))
            {
                yield return (part, reach);
            }
        }
    }

    /// <summary>
    /// The files embedded in <paramref name="package"/> (a workbook behind a chart or pasted into a letter, a document in a
    /// slide, an OLE object): each once, by its name in the package.
    /// </summary>
    public static IEnumerable<OpenXmlPart> Embedded(OpenXmlPackage package)
    {
        var seen = new HashSet<Uri>();
        return package.GetAllParts().Where(part => part is EmbeddedPackagePart or EmbeddedObjectPart && seen.Add(part.Uri));
    }

    /// <summary>The file name an embedded part has in its package ("Microsoft_Excel_Worksheet.xlsx", "oleObject1.bin").</summary>
    public static string NameOf(OpenXmlPart part)
    {
        string path = part.Uri.OriginalString;
        return path.Substring(path.LastIndexOf('/') + 1);
    }

    /// <summary>Writes the text <paramref name="reach"/> names in <paramref name="part"/> to <paramref name="sink"/>, a line each.</summary>
    public static void Read(ExtractionContext context, OpenXmlPart part, Reach reach, string where)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = context.Budget.MaxCharactersInPart,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, settings);
        var open = new Stack<bool>();
        var text = new System.Text.StringBuilder();
        // How deep the reader is inside an element nothing is read in (Reach.Outside, a chart's number cache): 0 outside any.
        int outside = 0;
        while (reader.Read())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (outside > 0 || reach.Outside.Contains(reader.LocalName))
                    {
                        if (!reader.IsEmptyElement)
                        {
                            outside++;
                            open.Push(false);
                        }

                        break;
                    }

                    if (reader.HasAttributes && reach.Attributes.Count > 0)
                    {
                        while (reader.MoveToNextAttribute())
                        {
                            if (reach.Attributes.Contains(reader.LocalName) && reader.Value.Length > 0)
                            {
                                context.Sink.AppendLine(where, reader.Value);
                            }
                        }

                        reader.MoveToElement();
                    }

                    if (reader.LocalName == "br")
                    {
                        text.Append('\n'); // a:br, a line break inside a paragraph
                    }

                    if (!reader.IsEmptyElement)
                    {
                        open.Push(reach.Elements.Contains(reader.LocalName));
                    }

                    break;
                case XmlNodeType.EndElement:
                    if (open.Count > 0)
                    {
                        open.Pop();
                    }

                    if (outside > 0)
                    {
                        outside--;
                        break;
                    }

                    // A DrawingML paragraph's runs (a:t each) are one line; any other element read is a value of its own.
                    if (reader.LocalName == "p" || (reader.LocalName != "t" && reach.Elements.Contains(reader.LocalName)))
                    {
                        Flush(context, text, where);
                    }

                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.Whitespace:
                    if (open.Count > 0 && open.Peek())
                    {
                        text.Append(reader.Value);
                    }

                    break;
            }
        }

        Flush(context, text, where);
    }

    private static void Flush(ExtractionContext context, System.Text.StringBuilder text, string where)
    {
        if (text.Length > 0)
        {
            context.Sink.AppendLine(where, text.ToString());
            text.Clear();
        }
    }
}
