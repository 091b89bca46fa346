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
            var sink = new ChunkingTextSink((where, chunk, offset) => { chunks++; accumulator.Add(where, matcher.Match(chunk), offset); }, ChunkChars);

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
