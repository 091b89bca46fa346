using System;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace GdprOps.Detection;

/// <summary>
/// Folds a name token to a skeleton so transliterations compare equal both ways: ø/ö/oe → o, å/aa → a,
/// æ/ae → a, ü/ue → u, é/ë → e, ß → ss. "Søren Østergaard", "Soeren Oestergaard" and "Soren Ostergaard"
/// all fold to "soren ostergard". Both sides are folded the same way, so the extra collisions the digraph
/// rule makes (Michael/Michal) only widen a name match, which is weak evidence on its own.
/// </summary>
public static class NameFolding
{
    public static string Skeleton(ReadOnlySpan<char> token)
    {
        var folded = new StringBuilder(token.Length + 4);
        foreach (char raw in token)
        {
            Fold(raw, folded);
        }

        return CollapseDigraphs(folded);
    }

    /// <summary>
    /// <c>Skeleton(token) == skeleton</c> without allocating for tokens of letters up to U+024F (every
    /// European name): the token is folded into a stack buffer with the same rules.
    /// </summary>
    public static bool SkeletonEquals(ReadOnlySpan<char> token, string skeleton)
    {
        if (token.Length > 64)
        {
            // Every letter folds to at least one character and the digraph rule at most halves them: a
            // long word (or a 64 MB line of letters) is turned down without folding it.
            int letters = 0;
            foreach (char c in token)
            {
                letters += CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark ? 0 : 1;
            }

            return letters <= skeleton.Length * 2 && Skeleton(token) == skeleton;
        }

        Span<char> folded = stackalloc char[token.Length * 2];
        int n = 0;
        foreach (char raw in token)
        {
            if (raw >= FoldedCache.Length)
            {
                return Skeleton(token) == skeleton;
            }

            foreach (char c in FoldedCache[raw])
            {
                folded[n++] = c;
            }
        }

        // The digraph rule of CollapseDigraphs, in place.
        int length = 0;
        for (int i = 0; i < n; i++)
        {
            char c = folded[i];
            if (i + 1 < n && ((c == 'a' && folded[i + 1] is 'a' or 'e') || (c == 'o' && folded[i + 1] == 'e') || (c == 'u' && folded[i + 1] == 'e')))
            {
                i++;
            }

            folded[length++] = c;
        }

        return folded.Slice(0, length).SequenceEqual(skeleton.AsSpan());
    }

    /// <summary>What each character up to U+024F folds to, before the digraph rule ("" for combining marks).</summary>
    private static readonly string[] FoldedCache = BuildFoldedCache();

    private static string[] BuildFoldedCache()
    {
        var cache = new string[0x250];
        for (int c = 0; c < cache.Length; c++)
        {
            var folded = new StringBuilder();
            Fold((char)c, folded);
            cache[c] = folded.ToString();
        }

        return cache;
    }

    /// <summary>Appends what one character folds to (lower case, transliterated, marks dropped), before the digraph rule.</summary>
    private static void Fold(char raw, StringBuilder folded)
    {
        char c = char.ToLowerInvariant(raw);
        switch (c)
        {
            case 'ø': folded.Append('o'); return;
            case 'æ': folded.Append("ae"); return;
            case 'œ': folded.Append("oe"); return;
            case 'ß': folded.Append("ss"); return;
            case 'þ': folded.Append("th"); return;
            case 'ð': folded.Append('d'); return;
            case 'ł': folded.Append('l'); return;
            case 'đ': folded.Append('d'); return;
            case 'ı': folded.Append('i'); return;
        }

        if (c < 128)
        {
            folded.Append(c);
            return;
        }

        if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
        {
            // A mark belongs to its letter; an invisible format character (a soft hyphen, a zero-width space or joiner) is
            // nothing of the word it stands in.
            return;
        }

        string decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (char d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(d);
            }
        }
    }

    private static string CollapseDigraphs(StringBuilder s)
    {
        var result = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (i + 1 < s.Length)
            {
                char next = s[i + 1];
                if ((c == 'a' && next is 'a' or 'e') || (c == 'o' && next == 'e') || (c == 'u' && next == 'e'))
                {
                    result.Append(c);
                    i++;
                    continue;
                }
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static readonly char[] FirstFoldedCache = BuildCache();

    /// <summary>The first letter of a character's skeleton: what a token starting with it can begin with.</summary>
    public static char FirstFolded(char c)
    {
        if (c < FirstFoldedCache.Length)
        {
            return FirstFoldedCache[c];
        }

        string s = Skeleton(stackalloc char[] { c });
        return s.Length == 0 ? c : s[0];
    }

    private static char[] BuildCache()
    {
        var cache = new char[0x250];
        for (int c = 0; c < cache.Length; c++)
        {
            string s = Skeleton(new[] { (char)c });
            cache[c] = s.Length == 0 ? (char)c : s[0];
        }

        return cache;
    }

    /// <summary>
    /// The apostrophes names are written with (O'Brien, d'Angelo, van 't Hof): the typewriter one ('), the typographic one word
    /// processors and phones put in (’, and ‘ where autocorrection turned it the wrong way), and the accents keyboards
    /// without an apostrophe key offer (´, `), and the modifier letter apostrophe ʼ (U+02BC) that some keyboard layouts and
    /// converters write (Unicode files it as a letter; here it is not one: "Oʼbrien" is O'Brien). Each breaks a word, as
    /// whitespace does, and the name is the same whichever is written.
    /// </summary>
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u00B4' or '`' or ModifierApostrophe;

    private const char ModifierApostrophe = '\u02BC';

    /// <summary><paramref name="text"/> with its apostrophes left out ("O'Brien" as "OBrien", as systems that take letters only write it).</summary>
    public static string WithoutApostrophes(string text) => new(text.Where(c => !IsApostrophe(c)).ToArray());

    /// <summary>
    /// Letters and the combining marks that belong to them make up a name token, and so do the invisible format characters
    /// standing in a word: a soft hyphen (U+00AD, an optional break a writer or a newsletter tool put in "Øster­gaard"), a
    /// zero-width space or joiner. They fold to nothing (<see cref="Skeleton"/>), so the word is read as if they were not there.
    /// </summary>
    /// <remarks>Read for every character of a text by the word loops: the ASCII test is inlined into them, the rest is a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTokenChar(char c) => c < 128 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' : IsNonAsciiTokenChar(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsNonAsciiTokenChar(char c) => (char.IsLetter(c) && c != ModifierApostrophe) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format;
}
