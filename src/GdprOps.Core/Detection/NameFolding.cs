using System;
using System.Globalization;
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
            char c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case 'ø': folded.Append('o'); continue;
                case 'æ': folded.Append("ae"); continue;
                case 'œ': folded.Append("oe"); continue;
                case 'ß': folded.Append("ss"); continue;
                case 'þ': folded.Append("th"); continue;
                case 'ð': folded.Append('d'); continue;
                case 'ł': folded.Append('l'); continue;
                case 'đ': folded.Append('d'); continue;
                case 'ı': folded.Append('i'); continue;
            }

            if (c < 128)
            {
                folded.Append(c);
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
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

        return CollapseDigraphs(folded);
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

    /// <summary>Letters and the combining marks that belong to them make up a name token.</summary>
    public static bool IsTokenChar(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
}
