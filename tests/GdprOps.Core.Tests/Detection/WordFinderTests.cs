using System;
using System.Collections.Generic;
using System.Text;
using GdprOps.Detection;
using Xunit;

namespace GdprOps.Tests.Detection;

/// <summary>
/// The word loop of the Article 9/10 pass reads words 64 characters at a time (WordFinder): every word it gives must be the
/// one the character-by-character definition (TextTokens.NextWord) gives, wherever the blocks cut, whatever the letters.
/// </summary>
public class WordFinderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("  ")]
    [InlineData("Langtidssygemeldt medarbejder, kræftpatient; bel 020-1234567.")]
    [InlineData("Ærø Østergård Åse naïve cafe\u0301 Ελλάδα Москва 東京 z")]
    public void Gives_the_words_one_character_at_a_time_would(string text) => AssertSameWords(text);

    [Fact]
    public void Words_that_cross_or_touch_a_block_of_64_characters_are_whole()
    {
        // Words ending at 63, 64 and 65, starting at 63, 64 and 65, one spanning three blocks, and text ending inside a word.
        foreach (int cut in new[] { 62, 63, 64, 65, 127, 128, 129 })
        {
            AssertSameWords(new string(' ', cut) + "sygemeldt hjem");
            AssertSameWords(new string('x', cut) + " sygemeldt");
            AssertSameWords(new string('-', cut - 3) + new string('a', 200));
            AssertSameWords(new string('.', cut) + "æ");
            AssertSameWords(new string('b', cut));
        }
    }

    [Fact]
    public void Random_text_of_letters_marks_digits_and_punctuation_is_read_alike()
    {
        // Characters from every class the definition tells apart: ASCII letters (both cases), digits, punctuation and
        // space, letters outside ASCII, a combining mark, symbols and characters just past the ASCII range.
        const string alphabet = "aZqM09 .,-_@\t\næøåÆØÅéü\u0301\u0308ß€\u00A0\u0080\u00FF\u0100Жя中\uFF21";
        var random = new Random(20261201);
        for (int round = 0; round < 400; round++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 300);
            for (int i = 0; i < length; i++)
            {
                // Runs, so that words are long enough to cross blocks.
                char c = alphabet[random.Next(alphabet.Length)];
                sb.Append(c, random.Next(1, 12));
            }

            AssertSameWords(sb.ToString());
        }
    }

    [Fact]
    public void A_position_past_the_end_stays_where_it_is()
    {
        var words = new WordFinder("abc");
        int position = 5;
        Assert.False(words.Next(ref position, out int start));
        Assert.Equal(5, position);
        Assert.Equal(5, start);
    }

    private static void AssertSameWords(string text)
    {
        Assert.Equal(Expected(text), Found(text));
    }

    private static List<(int Start, int End)> Expected(string text)
    {
        var words = new List<(int, int)>();
        int end = 0;
        while (TextTokens.NextWord(text, ref end, out int start))
        {
            words.Add((start, end));
        }

        Assert.Equal(text.Length, end);
        return words;
    }

    private static List<(int Start, int End)> Found(string text)
    {
        var words = new List<(int, int)>();
        var finder = new WordFinder(text);
        int end = 0;
        while (finder.Next(ref end, out int start))
        {
            words.Add((start, end));
        }

        Assert.Equal(text.Length, end);
        return words;
    }
}
