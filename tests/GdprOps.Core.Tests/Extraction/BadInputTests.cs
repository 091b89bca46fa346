using GdprOps.Testing;
using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.Extraction;
using GdprOps.Model;
using Xunit;

namespace GdprOps.Tests.Extraction;

/// <summary>Hostile and broken input: each gets a clear per-item result within its budget, and nothing throws.</summary>
public class BadInputTests
{
    private static Task<(ExtractionResult Result, System.Collections.Generic.Dictionary<string, string> Parts)> Extract(byte[] content, string name, ExtractionBudget? budget = null) =>
        FormatTests.Extract(content, name, budget);

    [Fact]
    public async Task Docx_zip_bomb_is_refused_before_inflating()
    {
        // 64 MB of one character compresses to about 64 KB: a ratio near 1000:1.
        byte[] bomb;
        using (var stream = new MemoryStream())
        {
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                archive.CreateEntry("[Content_Types].xml").Open().Dispose();
                using var entry = archive.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open();
                var block = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
                for (int i = 0; i < 64; i++)
                {
                    entry.Write(block, 0, block.Length);
                }
            }

            bomb = stream.ToArray();
        }

        var (result, _) = await Extract(bomb, "bomb.docx");
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains("zip bomb", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_oversized_office_part_is_refused()
    {
        var (result, _) = await Extract(TestDocuments.Docx(new string('x', 50_000)), "big.docx", new ExtractionBudget { MaxCharactersInPart = 10_000 });
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains("over-budget", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_entity_bomb_is_read_as_text_without_expansion()
    {
        string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
            string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString())};", 10))}\">")) +
            "]><lolz>&lol9;</lolz>";
        var (result, parts) = await Extract(Encoding.UTF8.GetBytes(bomb), "bomb.xml");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.True(parts["Body"].Length < 10_000);
    }

    [Fact]
    public async Task Deeply_nested_mime_ends_quickly()
    {
        var sb = new StringBuilder("From: a@b.example\r\nSubject: nest\r\nMIME-Version: 1.0\r\n");
        const int Depth = 50_000;
        for (int i = 0; i < Depth; i++)
        {
            sb.Append("Content-Type: multipart/mixed; boundary=\"b").Append(i).Append("\"\r\n\r\n--b").Append(i).Append("\r\n");
        }

        sb.Append("Content-Type: text/plain\r\n\r\nanna@fjord.example\r\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (result, _) = await Extract(Encoding.ASCII.GetBytes(sb.ToString()), "nested.eml");
        Assert.True(result.Status == ScanStatus.Scanned || result.Reason is not null, "an unread nested message must say why");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "nested MIME took " + clock.Elapsed);
    }

    [Theory]
    [InlineData("%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n%%EOF", "corrupt PDF")]
    [InlineData("%PDF-", "corrupt PDF")]
    public async Task Corrupt_pdf_is_not_scanned_with_the_reason(string content, string reason)
    {
        var (result, _) = await Extract(Encoding.ASCII.GetBytes(content), "broken.pdf");
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_over_its_time_budget_is_reported_and_the_call_returns()
    {
        // A source that trickles (about 20 ms per 256-byte read) makes parsing take seconds against a 0.2 s budget,
        // whatever the machine's load: the outcome does not depend on timing.
        byte[] pdf = TestDocuments.Pdf(Enumerable.Range(0, 100).Select(i => "page " + i + " anna@fjord.example").ToArray());
        Assert.True(pdf.Length > 16 * 1024, "test PDF too small to trickle: " + pdf.Length);
        var sink = new ChunkingTextSink((_, _, _) => { });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await new ContentExtractor(new ExtractionBudget { Timeout = TimeSpan.FromMilliseconds(200) })
            .ExtractAsync(new TricklingStream(pdf), "slow.pdf", ".pdf", sink, default);
        Assert.NotEqual(ScanStatus.Scanned, result.Status);
        Assert.Matches("within|Time budget", result.Reason!);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the call waited for the parser: " + clock.Elapsed);
    }

    private sealed class TricklingStream : MemoryStream
    {
        public TricklingStream(byte[] content)
            : base(content)
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            System.Threading.Thread.Sleep(20);
            return base.Read(buffer, offset, Math.Min(count, 256));
        }

        public override int Read(Span<byte> buffer)
        {
            System.Threading.Thread.Sleep(20);
            return base.Read(buffer.Slice(0, Math.Min(buffer.Length, 256)));
        }
    }

    [Fact]
    public async Task Page_budget_gives_partial()
    {
        var (result, parts) = await Extract(TestDocuments.Pdf("one", "two", "three"), "long.pdf", new ExtractionBudget { MaxPdfPages = 2 });
        Assert.Equal(ScanStatus.Partial, result.Status);
        Assert.Contains("first 2 of 3 pages", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("three", parts["Body"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.txt", ScanStatus.Scanned)]
    [InlineData("empty.docx", ScanStatus.NotScanned)]
    [InlineData("empty.pdf", ScanStatus.NotScanned)]
    [InlineData("empty.eml", ScanStatus.NotScanned)]
    [InlineData("empty.zip", ScanStatus.NotScanned)]
    public async Task Zero_byte_files(string name, ScanStatus status)
    {
        var (result, _) = await Extract(Array.Empty<byte>(), name);
        Assert.Equal(status, result.Status);
    }

    [Fact]
    public async Task Invalid_utf8_still_yields_the_text_around_it()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("mail anna@fjord.example ").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.ASCII.GetBytes(" end")).ToArray();
        var (result, parts) = await Extract(bytes, "mixed.txt");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_attachment_makes_the_mail_partial_not_unread()
    {
        byte[] eml = TestDocuments.Eml("anna@fjord.example", "cv", "Body text", attachment: ("cv.docx", Encoding.ASCII.GetBytes("not a zip")));
        var (result, parts) = await Extract(eml, "mail.eml");
        Assert.Equal(ScanStatus.Partial, result.Status);
        Assert.Contains("Attachment:cv.docx", result.Reason, StringComparison.Ordinal);
        Assert.Contains("anna@fjord.example", parts["Header"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_or_encrypted_office_files_are_named_as_such()
    {
        var ole = new CompoundFileBuilder();
        ole.Root.AddStream("EncryptionInfo", new byte[64]).AddStream("EncryptedPackage", new byte[8_000]);
        var (result, _) = await Extract(ole.Build(), "secret.docx");
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains("encrypted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archives_nested_past_the_depth_budget_are_partial()
    {
        byte[] content = TestDocuments.Utf8("anna@fjord.example");
        byte[] nested = TestDocuments.Zip(("x.txt", content));
        for (int i = 0; i < 4; i++)
        {
            nested = TestDocuments.Zip(("level" + i + ".zip", nested));
        }

        var (result, _) = await Extract(nested, "deep.zip", new ExtractionBudget { MaxDepth = 2 });
        Assert.Equal(ScanStatus.Partial, result.Status);
        Assert.Contains("nested deeper than 2 levels", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_single_line_file_is_read_in_bounded_chunks()
    {
        // 20 MB on one line with the address at the very end.
        byte[] bytes = Encoding.ASCII.GetBytes(new string('x', 20 * 1024 * 1024) + " anna@fjord.example");
        int chunks = 0;
        int longest = 0;
        bool found = false;
        var sink = new ChunkingTextSink((_, text, _) =>
        {
            chunks++;
            longest = Math.Max(longest, text.Length);
            found |= text.Contains("anna@fjord.example", StringComparison.Ordinal);
        });
        var result = await new ContentExtractor().ExtractAsync(new MemoryStream(bytes), "line.txt", ".txt", sink, default);
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.True(found);
        Assert.True(chunks >= 20);
        Assert.True(longest <= ChunkingTextSink.DefaultChunkChars);
    }
}
