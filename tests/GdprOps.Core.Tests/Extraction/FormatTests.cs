using GdprOps.Testing;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.Extraction;
using GdprOps.Model;
using MimeKit;
using Xunit;

namespace GdprOps.Tests.Extraction;

public class FormatTests
{
    internal static async Task<(ExtractionResult Result, Dictionary<string, string> Parts)> Extract(byte[] content, string name, ExtractionBudget? budget = null)
    {
        var parts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var sink = new ChunkingTextSink((where, text, _) =>
        {
            if (!parts.TryGetValue(where, out var sb))
            {
                parts[where] = sb = new StringBuilder();
            }

            sb.Append(text);
        });
        var result = await new ContentExtractor(budget).ExtractAsync(new MemoryStream(content), name, Path.GetExtension(name), sink, default);
        return (result, parts.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task Word_body_header_comment_and_properties()
    {
        var (result, parts) = await Extract(TestDocuments.Docx("Mail anna@fjord.example", header: "Tlf. 20 12 34 56", comment: "CPR 010190-1234", creator: "Anna Berg"), "cv.docx");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("20 12 34 56", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("010190-1234", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("Anna Berg", parts["Metadata"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excel_shared_inline_and_numeric_cells()
    {
        var (result, parts) = await Extract(TestDocuments.Xlsx("Søren Østergaard", "soeren@nordlys.example", 20123456), "people.xlsx");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Equal("People\nSøren Østergaard\tsoeren@nordlys.example\t20123456\t\n", parts["Body"]);
    }

    [Fact]
    public async Task PowerPoint_slides_and_notes()
    {
        var (result, parts) = await Extract(TestDocuments.Pptx("Speaker: Anna Berg", "Call her on +45 20 12 34 56"), "deck.pptx");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("Anna Berg", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("+45 20 12 34 56", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_text_layer_page_by_page()
    {
        var (result, parts) = await Extract(TestDocuments.Pdf("Page one: anna@fjord.example", "Page two: CPR 010190-1234"), "letter.pdf");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("010190-1234", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_a_pdf_breaks_at_a_line_end_is_the_subject()
    {
        // A justified letter breaks a long name with a hyphen where the line ends. The page's words were joined by spaces
        // ("Øster- gaard": two words); now a line break stands between lines, and the matcher reads the halves as one word.
        var (result, parts) = await Extract(TestDocuments.PdfLines("Vedr. ansøgning om orlov fra Søren Øster-", "gaard, modtaget den 3. marts."), "brev.pdf");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        var matcher = new GdprOps.Detection.SubjectMatcher(new GdprOps.Subjects.SubjectProfileBuilder().AddNames(new[] { "Søren Østergaard" }).Build());
        var match = Assert.Single(matcher.Match(parts["Body"]));
        Assert.Equal("Søren Øster-\ngaard", parts["Body"].Substring(match.Start, match.Length));
        Assert.StartsWith("Vedr. ansøgning om orlov fra Søren Øster-\ngaard, modtaget", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_middle_initial_on_the_next_line_of_a_pdf_is_still_the_subject()
    {
        // The page keeps its line breaks; a middle initial the profile does not give may stand across one, as the page
        // joined by spaces allowed (only a whole middle word must share the first name's line: a list's names).
        var (result, parts) = await Extract(TestDocuments.PdfLines("Vedr. ansøgning om orlov fra Søren", "B. Østergaard, modtaget den 3. marts."), "brev.pdf");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        var matcher = new GdprOps.Detection.SubjectMatcher(new GdprOps.Subjects.SubjectProfileBuilder().AddNames(new[] { "Søren Østergaard" }).Build());
        var match = Assert.Single(matcher.Match(parts["Body"]));
        Assert.Equal("Søren\nB. Østergaard", parts["Body"].Substring(match.Start, match.Length));
    }

    [Fact]
    public async Task Mail_headers_bodies_attachments_and_attached_messages()
    {
        var forwarded = new MimeMessage();
        forwarded.From.Add(MailboxAddress.Parse("lars@holm.example"));
        forwarded.Subject = "Old thread";
        forwarded.Body = new TextPart("plain") { Text = "BSN 111222333" };
        byte[] eml = TestDocuments.Eml("Anna Berg <anna@fjord.example>", "Sick note for Anna", "See attached.",
            htmlBody: "<p>Hi</p><a href=\"mailto:boss@fjord.example\">my manager</a><script>var x='hidden@script.example'</script>",
            attachment: ("cv.docx", TestDocuments.Docx("CPR 010190-1234")), attached: forwarded);
        var (result, parts) = await Extract(eml, "ticket.eml");

        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Header"], StringComparison.Ordinal);
        Assert.Equal("Sick note for Anna\n", parts["Subject"]);
        Assert.Contains("mailto:boss@fjord.example", parts["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain("hidden@script", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("010190-1234", parts["Attachment:cv.docx"], StringComparison.Ordinal);
        Assert.Contains("lars@holm.example", parts["Attachment:Old thread.eml/Header"], StringComparison.Ordinal);
        Assert.Contains("111222333", parts["Attachment:Old thread.eml/Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_zip_archives()
    {
        byte[] inner = TestDocuments.Zip(("deep/notes.txt", TestDocuments.Utf8("anna@fjord.example")));
        byte[] outer = TestDocuments.Zip(("inner.zip", inner), ("a.txt", TestDocuments.Utf8("nothing")), ("cv.docx", TestDocuments.Docx("CPR 010190-1234")));
        var (result, parts) = await Extract(outer, "backup.zip");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Archive:inner.zip/Archive:deep/notes.txt"], StringComparison.Ordinal);
        Assert.Contains("010190-1234", parts["Archive:cv.docx"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-8-bom")]
    [InlineData("windows-1252")]
    public async Task Text_in_common_encodings(string encoding)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        string text = "Søren Østergaard <soeren@nordlys.example>";
        byte[] bytes = encoding switch
        {
            "utf-16" => new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
            "utf-8-bom" => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
            _ => Encoding.GetEncoding(1252).GetBytes(text),
        };
        var (_, parts) = await Extract(bytes, "notes.txt");
        Assert.Equal(text, parts["Body"]);
    }

    [Fact]
    public async Task Content_beats_a_misleading_extension()
    {
        var (result, parts) = await Extract(TestDocuments.Pdf("anna@fjord.example"), "looks-like-text.txt");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Body"], StringComparison.Ordinal);
    }
}
