using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Collections.Generic;
using GdprOps.Detection;
using GdprOps.Extraction;
using GdprOps.Model;
using Xunit;
using GdprOps.Subjects;

namespace GdprOps.Tests.Extraction;

public class TextExtractionTests
{
    [Fact]
    public void Sniffer_reads_byte_order_marks()
    {
        Assert.Equal(3, TextEncodingSniffer.Sniff(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' }).PreambleLength);
        var utf16 = TextEncodingSniffer.Sniff(new byte[] { 0xFF, 0xFE, (byte)'a', 0 });
        Assert.False(utf16.IsBinary);
        Assert.Equal("a", utf16.Encoding!.GetString(new byte[] { (byte)'a', 0 }));
        Assert.Equal("a", TextEncodingSniffer.Sniff(new byte[] { 0xFE, 0xFF, 0, (byte)'a' }).Encoding!.GetString(new byte[] { 0, (byte)'a' }));
    }

    [Fact]
    public void Sniffer_falls_back_to_windows_1252_for_invalid_utf8()
    {
        // "Søren" as Windows-1252: 0xF8 is not valid UTF-8.
        var bytes = new byte[] { (byte)'S', 0xF8, (byte)'r', (byte)'e', (byte)'n' };
        var result = TextEncodingSniffer.Sniff(bytes);
        Assert.Equal("Søren", result.Encoding!.GetString(bytes));
        Assert.Equal(1252, result.Encoding.CodePage);
    }

    [Fact]
    public void Sniffer_flags_nul_bytes_as_binary_and_accepts_a_cut_utf8_sequence()
    {
        Assert.True(TextEncodingSniffer.Sniff(new byte[] { (byte)'M', (byte)'Z', 0, 3 }).IsBinary);
        var cut = Encoding.UTF8.GetBytes("abc ø").AsSpan(0, 5).ToArray(); // last byte of ø cut off
        Assert.Equal(65001, TextEncodingSniffer.Sniff(cut).Encoding!.CodePage);
    }

    /// <summary>
    /// .NET's and Python's JSON writers escape every letter outside ASCII ("S\u00F8ren"), and a line break in a string is "\n"
    /// before the next word: JSON is read as the text its escapes stand for, also where a read block cuts an escape.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    public async System.Threading.Tasks.Task Json_is_read_as_the_text_its_escapes_stand_for_wherever_a_block_cuts_one(int before)
    {
        string pad = new('x', (64 * 1024) - before - "{\"pad\":\"".Length - "\",\"note\":\"Kære\\nS".Length);
        string json = "{\"pad\":\"" + pad + "\",\"note\":\"Kære\\nS\\u00F8ren \\u00D8stergaard\\u0027s \\\"sag\\\" C:\\\\new\"}";
        var (_, parts) = await FormatTests.Extract(Encoding.UTF8.GetBytes(json), "people.json");
        Assert.Contains("Kære\nSøren Østergaard's \"sag\" C:\\new\"}", parts["Body"], StringComparison.Ordinal);
        var matcher = new SubjectMatcher(new SubjectProfileBuilder().AddNames(new[] { "Søren Østergaard" }).Build());
        Assert.Contains(matcher.Match(parts["Body"]), m => m.Kind == IdentifierKind.Name);
    }

    [Theory]
    [InlineData("people.txt", "Sti: C:\\Users\\nielsen\\u00e9 og S\\u00F8ren")] // a Windows path, not JSON
    [InlineData("people.json", "Note: {\"a\":\"S\\u00F8ren\"}")] // JSON inside prose
    [InlineData("notes.txt", "Jensen &amp; S&#248;ren <b>")] // prose, not XML
    public async System.Threading.Tasks.Task Text_that_is_not_json_keeps_its_backslashes(string name, string text)
    {
        var (_, parts) = await FormatTests.Extract(Encoding.UTF8.GetBytes(text), name);
        Assert.Equal(text, parts["Body"].TrimEnd());
    }

    [Fact]
    public async System.Threading.Tasks.Task Xml_is_read_as_the_text_its_character_references_stand_for()
    {
        string xml = "<?xml version=\"1.0\" encoding=\"us-ascii\"?><p><n>S&#248;ren &#xD8;stergaard</n><m>O&apos;Brien &amp; co &#128512; &#55357; &bogus; &#xZZ;</m></p>";
        var (_, parts) = await FormatTests.Extract(Encoding.UTF8.GetBytes(xml), "staff.xml");
        Assert.Equal("<?xml version=\"1.0\" encoding=\"us-ascii\"?><p><n>Søren Østergaard</n><m>O'Brien & co \U0001F600 &#55357; &bogus; &#xZZ;</m></p>", parts["Body"].TrimEnd());
    }

    [Theory]
    [InlineData("Json", new[] { "a", "ø", "\\", "\\\\", "\\u00F8", "\\u00f", "\\u", "\\n", "\\\"", "\\x", "u00F8", "\"", " " })]
    [InlineData("Xml", new[] { "a", "ø", "&", "&amp;", "&am", "&#248;", "&#xF8;", "&#x", "&#128512;", "&#1114112;", "&apos;", ";", "#", "x", " " })]
    public void Escapes_cut_anywhere_unescape_as_the_whole(string kind, string[] pieces)
    {
        var escaping = Enum.Parse<Escaping>(kind);
        var random = new Random(17);
        for (int round = 0; round < 2000; round++)
        {
            var text = new StringBuilder();
            for (int k = random.Next(1, 12); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            string escaped = text.ToString();
            string whole = EscapedText.Unescape(escaping, escaped, out int[] rawAt);
            Assert.Equal(escaped.Length, rawAt[whole.Length]);
            for (int cut = 0; cut <= escaped.Length; cut++)
            {
                var output = new char[escaped.Length + EscapedText.LongestEscape];
                int written = EscapedText.Unescape(escaping, escaped.AsSpan(0, cut), output, final: false, out int consumed);
                Assert.True(cut - consumed < EscapedText.LongestEscape);
                written += EscapedText.Unescape(escaping, escaped.AsSpan(consumed), output.AsSpan(written), final: true, out _);
                Assert.Equal(whole, new string(output, 0, written));
            }
        }
    }

    [Fact]
    public void Chunks_overlap_so_an_identifier_on_a_boundary_is_found_once()
    {
        const int ChunkChars = 4096;
        var matcher = new SubjectMatcher(new SubjectProfileBuilder().AddEmails(new[] { "soeren.oestergaard@nordlys.example" }).AddNames(new[] { "Søren Østergaard" }).Build());
        foreach (int at in new[] { ChunkChars - 20, ChunkChars - 5, ChunkChars - 1024, 2 * ChunkChars - 1500 })
        {
            var text = new StringBuilder(new string('x', at));
            text.Append(" soeren.oestergaard@nordlys.example Søren\nØstergaard ");
            text.Append(' ', 10).Append(new string('y', 3 * ChunkChars));
            var accumulator = new MatchAccumulator();
            int chunks = 0;
            var sink = new ChunkingTextSink(chunk => { chunks++; accumulator.Add(chunk, matcher.Match(chunk.Text)); }, ChunkChars);

            // Fed in awkward pieces, as extractors do.
            string all = text.ToString();
            for (int i = 0; i < all.Length; i += 777)
            {
                sink.Append("Body", all.Substring(i, Math.Min(777, all.Length - i)));
            }

            sink.Complete();
            Assert.True(chunks >= 4);
            Assert.Equal(2, accumulator.MatchCount);
            Assert.Equal("Email;Name", accumulator.SubjectMatches);
        }
    }

    /// <summary>
    /// The subject's address is "jens@nordlys.example"; the text holds "jens@nordlys.example.other.org", someone else's, and
    /// a chunk ends after "jens@nordlys.example". That chunk's text alone names the subject: the item must not.
    /// </summary>
    [Theory]
    [InlineData("jens@nordlys.example", ".other.org")]
    [InlineData("+45 20 12 34 56", " 78")]
    [InlineData("010190-1230", "1")]
    public void A_match_made_by_a_chunk_end_is_no_match(string beforeCut, string afterCut)
    {
        const int ChunkChars = 4096;
        var matcher = new SubjectMatcher(new SubjectProfileBuilder().AddEmails(new[] { "jens@nordlys.example" }).AddPhones(new[] { "+4520123456" })
            .AddNationalIds(new[] { "010190-1230" }).Build());
        var text = new StringBuilder().Append('x', ChunkChars - beforeCut.Length - 1).Append(' ').Append(beforeCut).Append(afterCut).Append(" and so on ").Append('y', 3000).ToString();
        var chunks = new List<TextChunk>();
        var accumulator = new MatchAccumulator();
        var sink = new ChunkingTextSink(chunk => { chunks.Add(chunk); accumulator.Add(chunk, matcher.Match(chunk.Text)); }, ChunkChars);
        sink.Append("Body", text);
        sink.Complete();

        Assert.EndsWith(beforeCut, chunks[0].Text, StringComparison.Ordinal);
        Assert.NotEmpty(matcher.Match(chunks[0].Text));
        Assert.Empty(matcher.Match(text));
        Assert.Equal(0, accumulator.MatchCount);

        // The same identifiers whole at the same place are the subject's, counted once.
        var whole = new StringBuilder().Append('x', ChunkChars - beforeCut.Length - 1).Append(' ').Append(beforeCut).Append(" and so on ").Append('y', 3000).ToString();
        accumulator = new MatchAccumulator();
        sink = new ChunkingTextSink(chunk => accumulator.Add(chunk, matcher.Match(chunk.Text)), ChunkChars);
        sink.Append("Body", whole);
        sink.Complete();
        Assert.Equal(1, accumulator.MatchCount);
    }

    /// <summary>
    /// The stretches the chunks answer for tile the part: from its start to its end, each inside its chunk with at least
    /// 384 characters of the chunk's text on both sides of a position it owns (context words reach 300), for chunk sizes
    /// and texts with and without whitespace to cut back to.
    /// </summary>
    [Theory]
    [InlineData(2049, 20_000, 7)]
    [InlineData(4096, 50_000, 0)]
    [InlineData(4096, 4096, 5)]
    [InlineData(4096, 4095, 5)]
    [InlineData(32_768, 200_000, 11)]
    public void The_chunks_own_the_part_once_each_with_settled_context(int chunkChars, int length, int wordLength)
    {
        string text = wordLength == 0 ? new string('x', length)
            : string.Concat(Enumerable.Repeat(new string('w', wordLength) + " ", (length / (wordLength + 1)) + 1)).Substring(0, length);
        var chunks = new List<TextChunk>();
        var sink = new ChunkingTextSink(chunks.Add, chunkChars);
        foreach (var piece in text.Chunk(1000))
        {
            sink.Append("Body", new string(piece));
        }

        sink.Complete();
        Assert.Equal(0, chunks[0].OwnedFrom);
        Assert.True(chunks[^1].IsLast);
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.False(c.IsLast));
        for (int k = 0; k < chunks.Count; k++)
        {
            var c = chunks[k];
            Assert.Equal(text.Substring((int)c.Offset, c.Text.Length), c.Text);
            long end = c.IsLast ? c.Offset + c.Text.Length : c.OwnedTo;
            Assert.True(c.OwnedFrom < end || (c.IsLast && c.OwnedFrom == end));
            if (k > 0)
            {
                Assert.Equal(chunks[k - 1].OwnedTo, c.OwnedFrom);
                Assert.True(c.OwnedFrom - c.Offset >= 384, $"left context {c.OwnedFrom - c.Offset}");
            }

            if (!c.IsLast)
            {
                Assert.True(c.Offset + c.Text.Length - c.OwnedTo >= 384, $"right context {c.Offset + c.Text.Length - c.OwnedTo}");
            }
        }

        Assert.Equal(text.Length, chunks[^1].Offset + chunks[^1].Text.Length);
        Assert.Equal(text.Length, Enumerable.Range(0, text.Length).Count(i => chunks.Count(c => c.Offset <= i && i < c.Offset + c.Text.Length && c.Owns((int)(i - c.Offset))) == 1));
    }

    /// <summary>
    /// A lending sink writes each full chunk into one string a thread, given back when the consumer does not keep it: the
    /// consumer sees every chunk's own text at its call, the same string each time, and a part's last chunk in a string of
    /// its own. A chunk the consumer keeps is its own: later chunks do not write over it.
    /// </summary>
    [Fact]
    public void A_lending_sink_writes_unkept_chunks_into_one_string_and_leaves_kept_ones_alone()
    {
        string text = string.Concat(Enumerable.Range(0, 9000).Select(i => "ord" + i + " "));
        var lent = new List<string>();
        var sink = ChunkingTextSink.Lending(chunk =>
        {
            Assert.Equal(text.Substring((int)chunk.Offset, chunk.Text.Length), chunk.Text);
            lent.Add(chunk.Text);
            return false;
        }, 4096);
        foreach (var piece in text.Chunk(700))
        {
            sink.Append("Body", new string(piece));
        }

        sink.Complete();
        Assert.True(lent.Count >= 10);
        Assert.All(lent.Take(lent.Count - 1), s => Assert.Same(lent[0], s));
        Assert.NotSame(lent[0], lent[^1]);

        // Kept: the second chunk is held past its call (a subject sweep holding a part back) and stays as it was read.
        var kept = new List<(string Text, string Copy)>();
        int calls = 0;
        sink = ChunkingTextSink.Lending(chunk =>
        {
            bool keep = ++calls == 2;
            if (keep)
            {
                kept.Add((chunk.Text, new string(chunk.Text.ToCharArray())));
            }

            return keep;
        }, 4096);
        sink.Append("Body", text);
        sink.Complete();
        Assert.True(calls > 4);
        var (held, copy) = Assert.Single(kept);
        Assert.Equal(copy, held);
    }

    [Fact]
    public void Chunk_offsets_are_absolute_and_cover_the_whole_text()
    {
        string text = string.Concat(Enumerable.Range(0, 5000).Select(i => "word" + i + " "));
        long covered = 0;
        var sink = new ChunkingTextSink((_, chunk, offset) =>
        {
            Assert.Equal(text.Substring((int)offset, chunk.Length), chunk);
            Assert.True(offset <= covered);
            covered = offset + chunk.Length;
        }, 4096);
        sink.Append("Body", text);
        sink.Complete();
        Assert.Equal(text.Length, covered);
    }

    [Fact]
    public void Parts_are_chunked_separately_and_nothing_comes_from_nothing()
    {
        var seen = new List<(string Where, string Text)>();
        var sink = new ChunkingTextSink((where, chunk, _) => seen.Add((where, chunk)), 4096);
        sink.Complete();
        Assert.Empty(seen);
        sink.AppendLine("Subject", "Hello");
        sink.AppendLine("Body", "World");
        sink.Complete();
        Assert.Equal(new[] { ("Subject", "Hello\n"), ("Body", "World\n") }, seen);
    }
}
