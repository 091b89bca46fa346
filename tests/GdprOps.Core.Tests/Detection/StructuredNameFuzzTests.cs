using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Detection;
using GdprOps.Extraction;
using GdprOps.Removal;
using GdprOps.Subjects;
using Xunit;

namespace GdprOps.Tests.Detection;

/// <summary>
/// Hostile text built from the pieces the structured forms read (quotes, keys, tags, escapes, encoded bytes, file-name
/// separators) around the parts of a name: no reading throws or reports a span outside the text, and a redaction of every
/// match leaves nothing the matcher finds again.
/// </summary>
public class StructuredNameFuzzTests
{
    private static readonly string[] Pieces =
    {
        "Søren", "Østergaard", "Aabye", "S", "A.", "SØREN", "ØSTERGAARD", "\"", "'", ",", ":", "=", "&", "<", ">", "</", "/", "\\", "\n", "\r\n", " ", "  ",
        "_", "-", ".", ";", "|", "\t", "[", "]", "{", "}", "@", "x", "key", "lastName", "%C3%B8", "%C3", "%", "+", "%20", "\\u00F8", "\\u00", "&#248;",
        "&#", "&amp;", ".pdf", "?q=", "- first: ", "\n  last: ",
    };

    [Fact]
    public void Random_structured_text_is_read_without_a_throw_and_redacted_whole()
    {
        var subject = new SubjectProfileBuilder().AddNames(new[] { "Søren Aabye Østergaard" }).Build();
        var matcher = new SubjectMatcher(subject);
        var forms = new RedactionMatcher(subject);
        var random = new Random(20261203);
        int matched = 0;
        for (int round = 0; round < 10_000; round++)
        {
            var written = new StringBuilder();
            for (int k = random.Next(1, 30); k > 0; k--)
            {
                // The name's parts a third of the time, so that many texts name the person in some form.
                written.Append(random.Next(3) == 0 ? Pieces[random.Next(6)] : Pieces[random.Next(Pieces.Length)]);
            }

            string text = written.ToString();
            foreach (var escaping in new[] { Escaping.Json, Escaping.Xml })
            {
                string read = EscapedText.Unescape(escaping, text, out int[] rawAt);
                Assert.Equal(text.Length, rawAt[read.Length]);
            }

            foreach (var (start, end) in UrlEncoded.Runs(text))
            {
                UrlEncoded.Decode(text, start, end, out int[] rawAt);
                Assert.Equal(end, rawAt[rawAt.Length - 1]);
            }

            var matches = matcher.Match(text).Concat(matcher.Match(text, fileName: true)).Concat(forms.Match(text)).ToList();
            Assert.All(matches, m => Assert.True(m.Start >= 0 && m.Length > 0 && m.Start + m.Length <= text.Length, text));
            if (matches.Count == 0)
            {
                continue;
            }

            matched++;
            var builder = new StringBuilder(text);
            foreach (var (start, end) in Merged(forms.Match(text)).OrderByDescending(s => s.Start))
            {
                SubjectRemover.ReplaceKeepingCells(builder, text, start, end, "[X]");
            }

            Assert.True(matcher.Match(builder.ToString()).Count == 0, text + " => " + builder);
        }

        Assert.True(matched > 300, $"only {matched} texts named the person: the pieces no longer exercise the matcher");
    }

    private static List<(int Start, int End)> Merged(IEnumerable<SubjectMatch> matches)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var m in matches.OrderBy(m => m.Start))
        {
            if (spans.Count > 0 && m.Start < spans[^1].End)
            {
                spans[^1] = (spans[^1].Start, Math.Max(spans[^1].End, m.Start + m.Length));
            }
            else
            {
                spans.Add((m.Start, m.Start + m.Length));
            }
        }

        return spans;
    }
}
