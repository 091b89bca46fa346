using System.Collections.Generic;

namespace GdprOps.Detection;

/// <summary>
/// Finds a compact identifier (upper-case letters and digits) in text where separators may stand between
/// its characters: 010190-1234, 0101 901234, 010190.1234, ab 12 34 56 c. Boundaries are checked so an id
/// inside a longer number or word never matches.
/// </summary>
internal static class SpacedLiteral
{
    private const int MaxSeparatorRun = 2;

    /// <summary>A phone's groups may stand further apart: a spaced hyphen ("010 - 123 45 67"), a bracket and a space ("(0) 20").</summary>
    private const int MaxPhoneSeparatorRun = 3;

    /// <summary>What may stand between an id's characters: a <see cref="GroupSeparator"/> or a tab.</summary>
    public static bool IsSeparator(char c) => c == '\t' || GroupSeparator(c) != '\0';

    /// <summary>
    /// The separator <paramref name="c"/> stands for between two groups of an id: ' ' for the spaces (a no-break space and the
    /// narrow one, which word processors and web pages put in numbers so they are not broken at a line's end), '-' for the
    /// hyphens (the non-breaking hyphen U+2011, U+2010), '.' and '/'; '\0' when it is none. ASCII is answered first: nearly
    /// every separator is, and discovery asks this at the end of every digit group.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static char GroupSeparator(char c) =>
        c < '\u0080' ? (c is ' ' or '-' or '.' or '/' ? c : '\0')
        : c switch
        {
            '\u00A0' or '\u202F' => ' ',
            '\u2010' or '\u2011' => '-',
            _ => '\0',
        };

    /// <summary>Whether <paramref name="c"/> is a space between groups of an id (see <see cref="GroupSeparator"/>).</summary>
    public static bool IsGroupSpace(char c) => GroupSeparator(c) == ' ';

    /// <summary>Appends the [start, end) spans of every occurrence of <paramref name="needle"/>.</summary>
    /// <param name="phone">Phone mode: the caller checks the left context itself (country and trunk prefixes), and
    /// a space then a digit on the right continues the number (20 12 34 56 78).</param>
    public static void FindAll(string text, string needle, List<(int Start, int End)> spans, bool phone = false)
    {
        char first = needle[0];
        char firstLower = char.ToLowerInvariant(first);
        int from = 0;
        while (from < text.Length)
        {
            int at = first == firstLower ? text.IndexOf(first, from) : text.IndexOfAny(new[] { first, firstLower }, from);
            if (at < 0)
            {
                return;
            }

            from = at + 1;
            if (!phone && !LeftBoundary(text, at))
            {
                continue;
            }

            int end = MatchFrom(text, at, needle, phone);
            if (end > 0 && RightBoundary(text, end, phone))
            {
                spans.Add((at, end));
                from = end;
            }
        }
    }

    /// <param name="phone">Brackets separate too: an area code is written "(020) 123 4567".</param>
    private static int MatchFrom(string text, int at, string needle, bool phone)
    {
        int t = at;
        for (int n = 0; n < needle.Length; n++)
        {
            if (n > 0)
            {
                int run = 0;
                while (t < text.Length && (IsSeparator(text[t]) || (phone && text[t] is '(' or ')')) && run < (phone ? MaxPhoneSeparatorRun : MaxSeparatorRun))
                {
                    t++;
                    run++;
                }
            }

            if (t >= text.Length || char.ToUpperInvariant(text[t]) != needle[n])
            {
                return -1;
            }

            t++;
        }

        return t;
    }

    internal static bool LeftBoundary(string text, int at)
    {
        if (at == 0)
        {
            return true;
        }

        char before = text[at - 1];
        if (char.IsLetterOrDigit(before))
        {
            return false;
        }

        // 12-010190-1234 or 12.0101901234: a digit group glued on by punctuation belongs to the same number.
        return !(before is '-' or '.' or '/' && at >= 2 && char.IsDigit(text[at - 2]));
    }

    internal static bool RightBoundary(string text, int end, bool phone)
    {
        if (end >= text.Length)
        {
            return true;
        }

        char after = text[end];
        if (char.IsLetterOrDigit(after))
        {
            return false;
        }

        // Punctuation then a digit continues the number (0101901234-5); for phones a space does too
        // (20 12 34 56 78), while an id followed by a space and another number is just a table column.
        bool continues = phone ? IsSeparator(after) : after is '-' or '.' or '/';
        if (continues && end + 1 < text.Length && char.IsDigit(text[end + 1]))
        {
            return false;
        }

        return true;
    }
}
