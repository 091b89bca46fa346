using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DocumentFormat.OpenXml.Packaging;
using GdprOps.Testing;
using Xunit;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Tests.Extraction;

/// <summary>
/// Where Office keeps a person's data beyond the body: a chart's cache of the cells it shows, SmartArt, shapes on a sheet,
/// a pivot table's copy of its source rows, threaded comments and the people who wrote them (with their sign-in address),
/// custom properties, a formula's own text, a sheet's printed header, a field written in one element, a file embedded in
/// the document. None of it was read: a sweep missed the person there.
/// </summary>
public class OfficePartsTests
{
    internal const string Drawing = "http://schemas.openxmlformats.org/drawingml/2006/main";

    internal static string Chart(params string[] cached) =>
        "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"" + Drawing + "\"><c:chart>"
        + "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Fravær for Jens </a:t></a:r><a:r><a:t>Holm</a:t></a:r></a:p></c:rich></c:tx></c:title>"
        + "<c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:f>Ark1!$A$2:$A$3</c:f><c:strCache><c:ptCount val=\"" + cached.Length + "\"/>"
        + string.Concat(cached.Select((v, i) => "<c:pt idx=\"" + i + "\"><c:v>" + v + "</c:v></c:pt>"))
        + "</c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>";

    internal static string SmartArt(string first, string second) =>
        "<dgm:dataModel xmlns:dgm=\"http://schemas.openxmlformats.org/drawingml/2006/diagram\" xmlns:a=\"" + Drawing + "\"><dgm:ptLst>"
        + "<dgm:pt modelId=\"{1}\"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:r><a:t>" + first + "</a:t></a:r><a:br/><a:r><a:t>" + second + "</a:t></a:r></a:p></dgm:t></dgm:pt>"
        + "</dgm:ptLst></dgm:dataModel>";

    internal static string People(string author, string userId) =>
        "<w15:people xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\"><w15:person w15:author=\"" + author + "\">"
        + "<w15:presenceInfo w15:providerId=\"AD\" w15:userId=\"" + userId + "\"/></w15:person></w15:people>";

    internal static string CustomProperty(string name, string value) =>
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        + "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"" + name + "\"><vt:lpwstr>" + value + "</vt:lpwstr></property>"
        + "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"Sager\"><vt:i4>7</vt:i4></property></Properties>";

    internal static string PivotRecords(params string[] values) =>
        "<pivotCacheRecords xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\"><r>"
        + string.Concat(values.Select(v => "<s v=\"" + v + "\"/>")) + "<n v=\"1503901230\"/><x v=\"0\"/></r></pivotCacheRecords>";

    internal static string SheetDrawing(string text) =>
        "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" xmlns:a=\"" + Drawing + "\"><xdr:twoCellAnchor><xdr:sp><xdr:txBody><a:bodyPr/>"
        + "<a:p><a:r><a:t>" + text + "</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>";

    internal static string ThreadedComment(string text) =>
        "<ThreadedComments xmlns=\"http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments\"><threadedComment ref=\"A1\" id=\"{1}\" personId=\"{2}\"><text>" + text + "</text></threadedComment></ThreadedComments>";

    internal static string Persons(string name, string userId) =>
        "<personList xmlns=\"http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments\"><person displayName=\"" + name + "\" id=\"{2}\" userId=\"" + userId + "\" providerId=\"AD\"/></personList>";

    /// <summary><paramref name="content"/> with <paramref name="edit"/> made to its package (opened for editing by its kind).</summary>
    internal static byte[] Edit(byte[] content, string name, Action<OpenXmlPackage> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(content, 0, content.Length);
        stream.Position = 0;
        OpenXmlPackage package = Path.GetExtension(name) switch
        {
            ".docx" => WordprocessingDocument.Open(stream, true),
            ".xlsx" => SpreadsheetDocument.Open(stream, true),
            _ => PresentationDocument.Open(stream, true),
        };
        using (package)
        {
            edit(package);
        }

        return stream.ToArray();
    }

    internal static void Feed(OpenXmlPart part, string xml) => part.FeedData(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public async Task Word_charts_smartart_people_custom_properties_simple_fields_and_embedded_workbooks_are_read()
    {
        var field = new W.Paragraph(new W.SimpleField(new W.Run(new W.Text("skriv til Anna"))) { Instruction = " HYPERLINK \"mailto:anna@fjord.example\" " });
        byte[] workbook = TestDocuments.Workbook(new[] { new string?[] { "Navn", "CPR" }, new string?[] { "Karen Lund", "010203-1234" } });
        byte[] letter = Edit(TestDocuments.WordBody(field), "brev.docx", package =>
        {
            var document = (WordprocessingDocument)package;
            var main = document.MainDocumentPart!;
            Feed(main.AddNewPart<ChartPart>(), Chart("karen.lund@fjord.example", "150390-1230"));
            Feed(main.AddNewPart<DiagramDataPart>(), SmartArt("Kontakt", "ole.berg@fjord.example"));
            Feed(main.AddNewPart<WordprocessingPeoplePart>(), People("Jens Holm", "S::jens.holm@fjord.example::8f1a"));
            Feed(document.AddCustomFilePropertiesPart(), CustomProperty("Medarbejder", "mette.dahl@fjord.example"));
            Feed(document.AddExtendedFilePropertiesPart(),
                "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Manager>Pia Krogh</Manager><Company>Fjord A/S</Company><Pages>1</Pages></Properties>");
            main.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx).FeedData(new MemoryStream(workbook));
        });

        var (result, parts) = await FormatTests.Extract(letter, "brev.docx");

        string body = parts["Body"];
        Assert.Contains("mailto:anna@fjord.example", body, StringComparison.Ordinal);
        Assert.Contains("skriv til Anna", body, StringComparison.Ordinal);
        Assert.Contains("Fravær for Jens Holm\n", body, StringComparison.Ordinal);
        Assert.Contains("karen.lund@fjord.example\n150390-1230\n", body, StringComparison.Ordinal);
        Assert.Contains("Kontakt\nole.berg@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Jens Holm\nS::jens.holm@fjord.example::8f1a\n", body, StringComparison.Ordinal);
        Assert.Contains("mette.dahl@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Pia Krogh\nFjord A/S\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ark1!$A$2", body, StringComparison.Ordinal);
        string embedded = parts.Single(p => p.Key.StartsWith("Embedded:", StringComparison.Ordinal)).Value;
        Assert.Contains("Karen Lund\t010203-1234", embedded, StringComparison.Ordinal);
        Assert.Equal(GdprOps.Model.ScanStatus.Scanned, result.Status);
    }

    [Fact]
    public async Task Excel_formula_text_headers_shapes_pivot_caches_threaded_comments_and_persons_are_read()
    {
        byte[] workbook = Edit(TestDocuments.Workbook(new[] { new string?[] { "Navn", "Mail" }, new string?[] { "Anna Berg", "Send mail" } }), "liste.xlsx", package =>
        {
            var book = ((SpreadsheetDocument)package).WorkbookPart!;
            var sheet = book.WorksheetParts.First();
            var cell = sheet.Worksheet.Descendants<S.Cell>().Last();
            cell.CellFormula = new S.CellFormula("HYPERLINK(\"mailto:anna.berg@fjord.example\",\"Send mail\")");
            sheet.Worksheet.Descendants<S.Cell>().First().CellFormula = new S.CellFormula("UPPER(B1)");
            sheet.Worksheet.Append(new S.HeaderFooter(new S.OddHeader("&L&\"Arial,Bold\"Personaleliste&Rjens.holm@fjord.example"), new S.OddFooter("&CSide &P af &N")));
            Feed(sheet.AddNewPart<DrawingsPart>(), SheetDrawing("Spørg Ole Berg, ole.berg@fjord.example"));
            Feed(sheet.AddNewPart<WorksheetThreadedCommentsPart>(), ThreadedComment("Karen har været sygemeldt siden marts"));
            Feed(book.AddNewPart<WorkbookPersonPart>(), Persons("Pia Krogh", "pia.krogh@fjord.example"));
            var cache = book.AddNewPart<PivotTableCacheDefinitionPart>();
            Feed(cache, "<pivotCacheDefinition xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cacheFields count=\"1\"><cacheField name=\"Navn\"><sharedItems><s v=\"Mette Dahl\"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>");
            Feed(cache.AddNewPart<PivotTableCacheRecordsPart>(), PivotRecords("mette.dahl@fjord.example"));
        });

        var (_, parts) = await FormatTests.Extract(workbook, "liste.xlsx");

        string body = parts["Body"];
        Assert.Contains("Anna Berg\tSend mail HYPERLINK(\"mailto:anna.berg@fjord.example\",\"Send mail\")\t\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("UPPER", body, StringComparison.Ordinal); // computes only: nothing of its own to read
        Assert.Contains("Personaleliste  jens.holm@fjord.example\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Rjens", body, StringComparison.Ordinal);
        Assert.Contains("Spørg Ole Berg, ole.berg@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Karen har været sygemeldt siden marts\n", body, StringComparison.Ordinal);
        Assert.Contains("Pia Krogh\npia.krogh@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Mette Dahl\n", body, StringComparison.Ordinal);
        Assert.Contains("mette.dahl@fjord.example\n1503901230\n0\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_and_footer_codes_are_blanked_in_place()
    {
        Assert.Equal("  Jens Holm    ", GdprOps.Extraction.Formats.OoxmlExtractor.HeaderFooterText("&LJens Holm&12 "));
        Assert.Equal(new string(' ', 23) + "Side   ", GdprOps.Extraction.Formats.OoxmlExtractor.HeaderFooterText("&\"Arial,Bold\"&C&K00FF00Side &P"));
        Assert.Equal(" & Co", GdprOps.Extraction.Formats.OoxmlExtractor.HeaderFooterText("&& Co"));
    }

    [Fact]
    public async Task A_charts_names_are_read_and_its_cache_of_numbers_is_not()
    {
        // Sums per person: the names are data, the 8-digit sums read as Danish phone numbers and are nobody's.
        string chart = "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart><c:plotArea><c:barChart><c:ser>"
            + "<c:cat><c:strRef><c:f>Ark1!$A$2</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>Jens Holm</c:v></c:pt></c:strCache></c:strRef></c:cat>"
            + "<c:val><c:numRef><c:f>Ark1!$B$2</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>20123456</c:v></c:pt></c:numCache></c:numRef></c:val>"
            + "<c:val><c:numLit><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>30123456</c:v></c:pt></c:numLit></c:val>"
            + "</c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>";
        byte[] letter = Edit(TestDocuments.WordBody(new W.Paragraph(new W.Run(new W.Text("Salg")))), "salg.docx", package =>
            Feed(((WordprocessingDocument)package).MainDocumentPart!.AddNewPart<ChartPart>(), chart));

        var (_, parts) = await FormatTests.Extract(letter, "salg.docx");

        Assert.Contains("Jens Holm\n", parts["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain("20123456", parts["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain("30123456", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerPoint_comments_and_their_authors_are_read()
    {
        byte[] slides = Edit(TestDocuments.Pptx("Kvartalstal", "Noter"), "møde.pptx", package =>
        {
            var presentation = ((PresentationDocument)package).PresentationPart!;
            var slide = presentation.SlideParts.First();
            Feed(slide.AddNewPart<PowerPointCommentPart>(),
                "<p188:cmLst xmlns:p188=\"http://schemas.microsoft.com/office/powerpoint/2018/8/main\" xmlns:a=\"" + Drawing + "\"><p188:cm id=\"{1}\" authorId=\"{2}\"><p188:txBody><a:bodyPr/><a:p><a:r><a:t>Ring til Jens på 20 12 34 56</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>");
            Feed(presentation.AddNewPart<PowerPointAuthorsPart>(),
                "<p188:authorLst xmlns:p188=\"http://schemas.microsoft.com/office/powerpoint/2018/8/main\"><p188:author id=\"{2}\" name=\"Pia Krogh\" initials=\"PK\" userId=\"pia.krogh@fjord.example\" providerId=\"AD\"/></p188:authorLst>");
        });

        var (_, parts) = await FormatTests.Extract(slides, "møde.pptx");

        Assert.Contains("Ring til Jens på 20 12 34 56\n", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("Pia Krogh\npia.krogh@fjord.example\n", parts["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain("PK", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_footer_on_the_slide_master_or_a_layout_is_read()
    {
        // Put on the master once, shown on every slide: "Kontakt: Jens Holm, 20 12 34 56". No slide holds it.
        byte[] slides = Edit(TestDocuments.Pptx("Kvartalstal", "Noter"), "møde.pptx", package =>
        {
            var slide = ((PresentationDocument)package).PresentationPart!.SlideParts.First();
            var layout = slide.AddNewPart<SlideLayoutPart>();
            Feed(layout, "<p:sldLayout xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"" + Drawing
                + "\"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/><a:p><a:r><a:t>Udarbejdet af </a:t></a:r><a:r><a:t>Pia Krogh</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sldLayout>");
            Feed(layout.AddNewPart<SlideMasterPart>(), "<p:sldMaster xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"" + Drawing
                + "\"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/><a:p><a:r><a:t>Kontakt: Jens Holm, 20 12 34 56</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sldMaster>");
        });

        var (_, parts) = await FormatTests.Extract(slides, "møde.pptx");

        Assert.Contains("Udarbejdet af Pia Krogh\n", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("Kontakt: Jens Holm, 20 12 34 56\n", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embedded_object_that_cannot_be_read_is_said_so_and_a_bomb_inside_stays_bounded()
    {
        byte[] letter = Edit(TestDocuments.WordBody(new W.Paragraph(new W.Run(new W.Text("Se bilag")))), "brev.docx", package =>
        {
            var main = ((WordprocessingDocument)package).MainDocumentPart!;
            main.AddEmbeddedObjectPart("application/vnd.openxmlformats-officedocument.oleObject").FeedData(new MemoryStream(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
            main.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx).FeedData(new MemoryStream(new byte[4096]));
        });

        var (result, parts) = await FormatTests.Extract(letter, "brev.docx");

        Assert.Contains("Se bilag", parts["Body"], StringComparison.Ordinal);
        Assert.Equal(GdprOps.Model.ScanStatus.Partial, result.Status);
        Assert.Matches(@"Embedded:[^;]*\.bin", result.Reason);
        Assert.Matches(@"Embedded:[^;]*\.xlsx", result.Reason);

        var (bounded, _) = await FormatTests.Extract(letter, "brev.docx", new GdprOps.Extraction.ExtractionBudget { MaxInflatedBytes = 2048 });
        Assert.NotEqual(GdprOps.Model.ScanStatus.Scanned, bounded.Status);
    }

    [Fact]
    public async Task A_malformed_chart_leaves_the_rest_of_the_document_read_and_says_so()
    {
        byte[] letter = Edit(TestDocuments.WordBody(new W.Paragraph(new W.Run(new W.Text("CPR 150390-1230")))), "brev.docx", package =>
            Feed(((WordprocessingDocument)package).MainDocumentPart!.AddNewPart<ChartPart>(), "<c:chartSpace xmlns:c=\"urn:c\"><c:chart><c:v>broken"));

        var (result, parts) = await FormatTests.Extract(letter, "brev.docx");

        Assert.Contains("CPR 150390-1230", parts["Body"], StringComparison.Ordinal);
        Assert.Equal(GdprOps.Model.ScanStatus.Partial, result.Status);
        Assert.Contains("ChartPart", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_commented_or_tracked_a_change_is_read_once_per_part()
    {
        var paragraph = new W.Paragraph(
            new W.InsertedRun(new W.Run(new W.Text("ny tekst"))) { Id = "1", Author = "Jens Holm" },
            new W.DeletedRun(new W.Run(new W.DeletedText("gammel"))) { Id = "2", Author = "Jens Holm" },
            new W.DeletedRun(new W.Run(new W.DeletedText("tekst"))) { Id = "3", Author = "pia.krogh@fjord.example" });
        var (_, word) = await FormatTests.Extract(TestDocuments.WordBody(paragraph), "brev.docx");

        byte[] workbook = Edit(TestDocuments.Workbook(new[] { new string?[] { "Navn" }, new string?[] { "Anna" } }), "liste.xlsx", package =>
        {
            var comments = ((SpreadsheetDocument)package).WorkbookPart!.WorksheetParts.First().AddNewPart<WorksheetCommentsPart>();
            comments.Comments = new S.Comments(new S.Authors(new S.Author("Ole Berg")),
                new S.CommentList(new S.Comment(new S.CommentText(new S.Text("tjek adressen"))) { Reference = "A2", AuthorId = 0 }));
        });
        var (_, excel) = await FormatTests.Extract(workbook, "liste.xlsx");

        Assert.EndsWith("ny tekstgammeltekst\nJens Holm\npia.krogh@fjord.example\n", word["Body"], StringComparison.Ordinal);
        Assert.Contains("\nOle Berg\n", excel["Body"], StringComparison.Ordinal);
        Assert.Contains("tjek adressen", excel["Body"], StringComparison.Ordinal);
    }

    /// <summary>A Packager (Ole10Native) stream wrapping <paramref name="content"/> under <paramref name="label"/>.</summary>
    internal static byte[] Ole10Native(string label, byte[] content)
    {
        using var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        byte[] Ansi(string text) => Encoding.Latin1.GetBytes(text + "\0");
        string temporary = @"C:\Users\x\AppData\Local\Temp\" + label;
        writer.Write(0);
        writer.Write((short)2);
        writer.Write(Ansi(label));
        writer.Write(Ansi(@"C:\Sager\" + label));
        writer.Write(0x00030000);
        writer.Write(Ansi(temporary).Length);
        writer.Write(Ansi(temporary));
        writer.Write(content.Length);
        writer.Write(content);
        writer.Flush();
        byte[] bytes = stream.ToArray();
        BitConverter.GetBytes(bytes.Length - 4).CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task Files_wrapped_in_ole_objects_are_read()
    {
        // A file inserted into a letter as an object (Packager), and a workbook embedded as an OLE object ("Package").
        var packaged = new CompoundFileBuilder();
        packaged.Root.AddStream("\u0001Ole10Native", Ole10Native("bilag <1>.txt", Encoding.UTF8.GetBytes("Lejer: ole.berg@fjord.example")));
        var workbook = new CompoundFileBuilder();
        workbook.Root.AddStream("Package", TestDocuments.Workbook(new[] { new string?[] { "Navn", "Mail" }, new string?[] { "Karen", "karen.lund@fjord.example" } }));
        var broken = new CompoundFileBuilder();
        broken.Root.AddStream("\u0001Ole10Native", new byte[] { 9, 0, 0, 0, 2, 0, 65, 66 });
        byte[] letter = Edit(TestDocuments.WordBody(new W.Paragraph(new W.Run(new W.Text("Se bilag")))), "brev.docx", package =>
        {
            var main = ((WordprocessingDocument)package).MainDocumentPart!;
            foreach (var ole in new[] { packaged, workbook, broken })
            {
                main.AddEmbeddedObjectPart("application/vnd.openxmlformats-officedocument.oleObject").FeedData(new MemoryStream(ole.Build()));
            }
        });

        var (result, parts) = await FormatTests.Extract(letter, "brev.docx");

        Assert.Contains("Lejer: ole.berg@fjord.example", parts.Single(p => p.Key.EndsWith("/Object:bilag _1_.txt", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        Assert.Contains("Karen\tkaren.lund@fjord.example", parts.Single(p => p.Key.EndsWith("/Object:object.xlsx", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        Assert.Equal(GdprOps.Model.ScanStatus.Partial, result.Status);
        Assert.Contains("packaged OLE object of an unknown layout", result.Reason, StringComparison.Ordinal);
    }
}
