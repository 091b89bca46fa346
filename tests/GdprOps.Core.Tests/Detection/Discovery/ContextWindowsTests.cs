using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

public class ContextWindowsTests
{
    private static readonly IReadOnlyList<string>[] Lists =
    {
        ContextWords.Phone, ContextWords.Ip, ContextWords.Address, ContextWords.BirthDate, ContextWords.Cpr,
        new[] { "ønsker", "æble*", "tel", "tlf.nr" }, // words that start with a non-ASCII letter, a prefix, a dot inside
    };

    /// <summary>
    /// The remembered searches answer exactly as a fresh search of each window does, for candidates read forwards,
    /// a little backwards (a capital before a digit), jumping back to the start (phones weighed after the walk)
    /// and across gaps, on text dense with context words, words inside words, and words cut by the text's edges.
    /// </summary>
    [Fact]
    public void Remembered_searches_answer_as_a_fresh_search_of_every_window()
    {
        string[] pieces =
        {
            "tel ", "telephone: ", "hotel ", "ip ", "shipping ", "IP-adres ", "client ", "address ", "by ", "bypass ", "born ", "stubborn ",
            "cpr-nr. ", "Tlf ", "ringe ", "bel ", "label ", " ", "x", "\n", "0123 ", "straat ", "vej ", "dob ", "geb.", "é", "TEL",
            "ıp ", "İP ", "ſms ", "FØDT ", "født ", "Fødselsdato:", "whatsapp", "9tel ", "tel9 ", "ip-", "-ip", "Ønsker ", "æblegrød ", "ÆBLE", "tlf.nr.", "TLF.NR",
            "tEl ", "iP ", "cLiEnT ", "rıng ", "bEL ", "t", "i", "Ringer", "r", // second letters in any case, a non-ASCII one that folds to ASCII, a word's first letter at the text's end
            "–", "\u00A0", "«", "²", "١", // non-ASCII characters right before a word: a dash, a no-break space, a quote and a superscript two are boundaries; an Arabic-Indic one is a digit
        };
        var random = new Random(20261130);
        int checkedCount = 0;
        for (int round = 0; round < 200; round++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 4000);
            while (sb.Length < length)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            string text = sb.ToString();
            var windows = new ContextWindows();
            windows.Reset(text);
            int position = 0;
            for (int call = 0; call < 300; call++)
            {
                position = random.Next(6) switch
                {
                    0 => random.Next(text.Length + 1), // anywhere: backwards, or a gap
                    1 => Math.Max(0, position - random.Next(4)), // a capital just before a digit
                    _ => Math.Min(text.Length, position + random.Next(120)),
                };
                int end = Math.Min(text.Length, position + random.Next(25));
                var words = Lists[random.Next(Lists.Length)];
                int radius = random.Next(3) == 0 ? 50 : ContextWords.Window;
                Assert.True(
                    ContextWords.Near(text, position, end, words, radius) == windows.Near(position, end, words, radius),
                    $"round {round}, call {call}: [{position}, {end}) radius {radius} in a text of {text.Length}");
                checkedCount++;
            }
        }

        Assert.Equal(200 * 300, checkedCount);
    }

    [Theory]
    [InlineData("Ring på tlf. +45 20 12 34 56", true)]
    [InlineData("Shipping: +45 20 12 34 56", false)] // "ip" inside a word is no word
    [InlineData("hotel +45 20 12 34 56", false)] // nor "tel" at a word's end
    public void A_context_word_counts_only_on_word_boundaries(string text, bool near)
    {
        int start = text.IndexOf('+', StringComparison.Ordinal);
        Assert.Equal(near, ContextWords.Near(text, start, text.Length, ContextWords.Phone));
        var windows = new ContextWindows();
        windows.Reset(text);
        Assert.Equal(near, windows.Near(start, text.Length, ContextWords.Phone, ContextWords.Window));
    }
}
