using System;

namespace GdprOps.Detection.Discovery;

/// <summary>The word of letters right before or after a position, past one to three spaces, tabs or no-break spaces: how the clinical rules and the term contexts read a term's neighbours.</summary>
internal static class AdjacentWords
{
    /// <summary>The longest word read; a longer one is no neighbour.</summary>
    public const int LongestWord = 64;

    /// <summary>The end of the run of letters from <paramref name="start"/> (<paramref name="start"/> itself when none is there).</summary>
    public static int End(string text, int start)
    {
        int end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>The word of letters that ends where only spaces (one to three) stand before <paramref name="start"/>.</summary>
    public static bool Before(string text, int start, out int wordStart, out int wordEnd)
    {
        int i = start;
        while (i > 0 && start - i < 3 && text[i - 1] is ' ' or '\t' or '\u00A0')
        {
            i--;
        }

        wordEnd = i;
        while (i > 0 && char.IsLetter(text[i - 1]) && wordEnd - i < LongestWord)
        {
            i--;
        }

        wordStart = i;
        return wordEnd < start && wordStart < wordEnd && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
    }

    /// <summary>The word of letters that starts after only spaces (one to three) from <paramref name="end"/>.</summary>
    public static bool After(string text, int end, out int wordStart, out int wordEnd)
    {
        int i = end;
        while (i < text.Length && i - end < 3 && text[i] is ' ' or '\t' or '\u00A0')
        {
            i++;
        }

        wordStart = i;
        while (i < text.Length && char.IsLetter(text[i]) && i - wordStart < LongestWord)
        {
            i++;
        }

        wordEnd = i;
        return wordStart > end && wordEnd > wordStart && (i == text.Length || !char.IsLetterOrDigit(text[i]));
    }
}
