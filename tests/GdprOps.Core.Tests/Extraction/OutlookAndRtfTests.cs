using GdprOps.Testing;
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.Extraction;
using GdprOps.Model;
using MimeKit;
using Xunit;

namespace GdprOps.Tests.Extraction;

/// <summary>RTF documents and bodies, Outlook .msg files (OLE compound files) and TNEF (winmail.dat).</summary>
public class OutlookAndRtfTests
{
    private const string Letter =
        @"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Calibri;}}{\colortbl;\red0\green0\blue0;}{\*\generator Msftedit 5.41;}" +
        @"{\info{\author Anna Berg}{\company Fjord ApS}}{\stylesheet{\s1 Heading StyleSecret;}}" +
        @"\f0\fs22 Patient S\'f8ren \u216?stergaard\par CPR-nr. 150390-1230\tab BSN 111222333\par " +
        @"{\field{\*\fldinst HYPERLINK ""mailto:soeren@nordlys.example""}{\fldrslt write to him}}\par " +
        @"{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d4948445200}{\*\htmltag84 <a href=""x"">}braces \{ and \} and \\ stay\par }";

    private static Task<(ExtractionResult Result, System.Collections.Generic.Dictionary<string, string> Parts)> Extract(byte[] content, string name, ExtractionBudget? budget = null) =>
        FormatTests.Extract(content, name, budget);

    [Fact]
    public async Task Rtf_text_info_and_link_targets_without_tables_or_pictures()
    {
        var (result, parts) = await Extract(Encoding.ASCII.GetBytes(Letter), "letter.rtf");

        Assert.Equal(ScanStatus.Scanned, result.Status);
        string body = parts["Body"];
        Assert.Contains("Patient Søren Østergaard\nCPR-nr. 150390-1230\tBSN 111222333", body, StringComparison.Ordinal);
        Assert.Contains("mailto:soeren@nordlys.example", body, StringComparison.Ordinal);
        Assert.Contains("Anna Berg", body, StringComparison.Ordinal);
        Assert.Contains("braces { and } and \\ stay", body, StringComparison.Ordinal);
        foreach (string hidden in new[] { "Calibri", "Msftedit", "StyleSecret", "89504e47", "href", "?stergaard" })
        {
            Assert.DoesNotContain(hidden, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rtf_is_recognised_by_content_and_decoded_in_its_code_page()
    {
        // Cyrillic (1251) bytes; saved by some tools with a .doc name.
        var (result, parts) = await Extract(Encoding.ASCII.GetBytes(@"{\rtf1\ansi\ansicpg1251 \'c0\'ed\'ed\'e0 anna@fjord.example}"), "letter.doc.txt");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Equal("Анна anna@fjord.example", parts["Body"]);
    }

    [Fact]
    public async Task Rtf_binary_data_is_skipped_even_when_it_holds_braces()
    {
        byte[] rtf = Encoding.ASCII.GetBytes(@"{\rtf1 before {\*\objdata \bin6 }}{{{x} after}").ToArray();
        var (result, parts) = await Extract(rtf, "x.rtf");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Equal("before  after", parts["Body"]);
    }

    [Fact]
    public async Task Rtf_nested_past_the_group_budget_is_refused_quickly()
    {
        byte[] bomb = Encoding.ASCII.GetBytes(@"{\rtf1 " + new string('{', 5_000_000));
        var clock = Stopwatch.StartNew();
        var (result, _) = await Extract(bomb, "bomb.rtf");
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains("nested deeper than 1000", result.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task Rtf_text_over_the_part_budget_is_refused()
    {
        byte[] rtf = Encoding.ASCII.GetBytes(@"{\rtf1 " + new string('x', 50_000) + "}");
        var (result, _) = await Extract(rtf, "big.rtf", new ExtractionBudget { MaxCharactersInPart = 10_000 });
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains("more than 10000 characters", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outlook_msg_sender_recipients_subject_body_attachments_and_attached_messages()
    {
        var forwarded = new OutlookMessageBuilder().Subject("Old thread").From("Lars Holm", "lars@holm.example").Body("BSN 111222333")
            .Attach("inner.txt", TestDocuments.Utf8("IBAN NL91 ABNA 0417 1643 00"));
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("filler text ", 1_000)) + "mail lone@big.example");
        byte[] msg = new OutlookMessageBuilder()
            .Subject("Sick note for Søren").From("Anna Berg", "anna@fjord.example").To("Søren Østergaard", "soeren@nordlys.example")
            .Body("Patient CPR 150390-1230")
            .Attach("cv.docx", TestDocuments.Docx("CPR 010190-1234"))
            .Attach("big.txt", big)
            .AttachMessage("Old thread", forwarded)
            .Build();

        var (result, parts) = await Extract(msg, "saved.msg");

        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("anna@fjord.example", parts["Header"], StringComparison.Ordinal);
        Assert.Contains("Søren Østergaard", parts["Header"], StringComparison.Ordinal);
        Assert.Contains("soeren@nordlys.example", parts["Header"], StringComparison.Ordinal);
        Assert.Equal("Sick note for Søren\n", parts["Subject"]);
        Assert.Equal("Patient CPR 150390-1230\n", parts["Body"]);
        Assert.Contains("010190-1234", parts["Attachment:cv.docx"], StringComparison.Ordinal);
        Assert.Contains("lone@big.example", parts["Attachment:big.txt"], StringComparison.Ordinal); // over 4 KB: regular sectors, not the mini stream
        Assert.Contains("lars@holm.example", parts["Attachment:Old thread.msg/Header"], StringComparison.Ordinal);
        Assert.Contains("111222333", parts["Attachment:Old thread.msg/Body"], StringComparison.Ordinal);
        Assert.Contains("NL91 ABNA", parts["Attachment:Old thread.msg/Attachment:inner.txt"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("rtf")]
    public async Task Outlook_msg_without_a_plain_body_is_read_from_its_html_or_rtf(string kind)
    {
        var builder = new OutlookMessageBuilder().Subject("x");
        builder = kind == "html" ? builder.HtmlBody("<p>CPR 150390-1230</p><script>hidden@script.example</script>") : builder.RtfBody(@"{\rtf1\ansi CPR 150390-1230\par}");
        var (result, parts) = await Extract(builder.Build(), "x.msg");
        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("150390-1230", parts["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain("hidden@script", parts["Body"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(65001)]
    [InlineData(1252)]
    public async Task Outlook_msg_html_bodies_are_decoded_in_their_code_page(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] html = Encoding.GetEncoding(codePage).GetBytes("<p>Søren Østergaard</p>");
        var (_, parts) = await Extract(new OutlookMessageBuilder().Subject("x").Binary(0x1013, html).Build(), "x.msg");
        Assert.Contains("Søren Østergaard", parts["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outlook_msg_nested_past_the_depth_budget_is_partial()
    {
        var message = new OutlookMessageBuilder().Subject("level 3").Body("CPR 150390-1230");
        for (int level = 2; level >= 0; level--)
        {
            message = new OutlookMessageBuilder().Subject("level " + level).AttachMessage("level " + (level + 1), message);
        }

        var (result, parts) = await Extract(message.Build(), "deep.msg", new ExtractionBudget { MaxDepth = 2 });
        Assert.Equal(ScanStatus.Partial, result.Status);
        Assert.Contains("nested deeper than 2", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(parts.Values, v => v.Contains("150390-1230", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("EncryptedPackage", "password-protected (encrypted) Office file")]
    [InlineData("WordDocument", "Word 97-2003 document (.doc)")]
    [InlineData("Workbook", "Excel 97-2003 workbook (.xls)")]
    [InlineData("PowerPoint Document", "PowerPoint 97-2003 presentation (.ppt)")]
    [InlineData("Something", "OLE compound document of an unknown kind")]
    public async Task Other_compound_files_are_named_for_what_they_are(string stream, string reason)
    {
        var file = new CompoundFileBuilder();
        file.Root.AddStream(stream, new byte[100]);
        var (result, _) = await Extract(file.Build(), "secret.docx");
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Equal("secret.docx: " + reason + ", not read", result.Reason);
    }

    [Theory]
    [InlineData("header only")]
    [InlineData("FAT loop")]
    [InlineData("truncated")]
    [InlineData("directory cycle")]
    public async Task Corrupt_compound_files_are_reported_not_looped_on(string damage)
    {
        byte[] msg = new OutlookMessageBuilder().Subject("x").Body(new string('y', 5_000)).Build();
        switch (damage)
        {
            case "header only":
                msg = msg.Take(512).ToArray();
                break;
            case "FAT loop":
                // Every FAT entry points at sector 0: every chain loops.
                int fatSector = BitConverter.ToInt32(msg, 0x4C);
                for (int i = 0; i < 128; i++)
                {
                    BitConverter.GetBytes(0).CopyTo(msg, ((fatSector + 1) * 512) + (i * 4));
                }

                break;
            case "truncated":
                msg = msg.Take(msg.Length - 2_000).ToArray();
                break;
            case "directory cycle":
                // The root's child points back at the root.
                int directory = BitConverter.ToInt32(msg, 0x30);
                BitConverter.GetBytes(0).CopyTo(msg, ((directory + 1) * 512) + 0x4C);
                break;
        }

        var clock = Stopwatch.StartNew();
        var (result, _) = await Extract(msg, "broken.msg");
        Assert.Equal(ScanStatus.NotScanned, result.Status);
        Assert.Contains("corrupt OLE compound document", result.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task Mail_with_an_rtf_body_and_a_winmail_dat()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("anna@fjord.example"));
        message.Subject = "Outlook";
        var tnef = new MimeKit.Tnef.TnefPart { Content = new MimeContent(new MemoryStream(Tnef("Patient BSN 111222333"))) };
        message.Body = new Multipart("mixed")
        {
            new TextPart("rtf") { Text = @"{\rtf1\ansi{\fonttbl{\f0 Arial;}} CPR 150390-1230\par}" },
            tnef,
        };
        using var eml = new MemoryStream();
        message.WriteTo(eml);

        var (result, parts) = await Extract(eml.ToArray(), "outlook.eml");

        Assert.Equal(ScanStatus.Scanned, result.Status);
        Assert.Contains("150390-1230", parts["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain("Arial", parts["Body"], StringComparison.Ordinal);
        Assert.Contains("111222333", parts["Attachment:winmail.dat/Body"], StringComparison.Ordinal);
    }

    /// <summary>A minimal TNEF stream: the signature, a key and one message-level attBody attribute.</summary>
    private static byte[] Tnef(string body)
    {
        var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        writer.Write(0x223E9F78);
        writer.Write((ushort)0x0001);
        byte[] data = Encoding.ASCII.GetBytes(body + "\0");
        writer.Write((byte)1); // message level
        writer.Write(0x0002800C); // attBody: atpText
        writer.Write(data.Length);
        writer.Write(data);
        writer.Write((ushort)data.Sum(b => b));
        return stream.ToArray();
    }
}
