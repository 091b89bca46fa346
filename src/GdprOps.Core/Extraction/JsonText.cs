using System;

namespace GdprOps.Extraction;

/// <summary>
/// JSON as people's data is written in it: .NET's System.Text.Json and Python's json module escape every letter outside
/// ASCII by default ("S\u00F8ren \u00D8stergaard"), and a line break inside a string is the two characters "\n" before the
/// next word ("Kære\nSøren"). Read as it is written, such a name is never a name: <see cref="Unescape"/> gives the text the
/// escapes stand for, for the extractor to scan and for the redactor to match (with where each character was written).
/// Only text that is JSON is read so: a backslash elsewhere is a Windows path's ("C:\Users\nielsen").
/// </summary>
internal static class JsonText
{
    /// <summary>The longest escape: a backslash, 'u' and four hex digits.</summary>
    public const int LongestEscape = 6;

    /// <summary>
    /// Whether <paramref name="head"/> (a text's first characters) opens JSON: an object whose first key is quoted, or an array
    /// of objects, arrays or strings; JSON Lines (a log of one object per line) opens the same way.
    /// </summary>
    public static bool LooksLikeJson(ReadOnlySpan<char> head)
    {
        int i = SkipSpace(head, 0);
        if (i >= head.Length || head[i] is not ('{' or '['))
        {
            return false;
        }

        char open = head[i];
        i = SkipSpace(head, i + 1);
        return i < head.Length && (open == '{' ? head[i] is '"' or '}' : head[i] is '{' or '[' or '"' or ']');
    }

    /// <summary>
    /// Writes the text <paramref name="input"/> stands for into <paramref name="output"/> (at least as long): "\uXXXX" as its
    /// character, "\n", "\r", "\t", "\b", "\f" as theirs, "\/", "\\" and "\"" as the character escaped; anything else as written.
    /// Unless <paramref name="final"/>, an escape cut by the input's end is left for the next call: <paramref name="consumed"/>
    /// says how far the input was read. <paramref name="rawAt"/>, when given (as long as the output), gets the input index
    /// each output character was read from.
    /// </summary>
    /// <returns>The number of characters written.</returns>
    public static int Unescape(ReadOnlySpan<char> input, Span<char> output, bool final, out int consumed, Span<int> rawAt = default)
    {
        bool map = rawAt.Length > 0;
        int written = 0;
        int i = 0;
        while (i < input.Length)
        {
            char c = input[i];
            int length = 1;
            if (c == '\\')
            {
                if (!final && input.Length - i < LongestEscape && CutEscape(input.Slice(i)))
                {
                    break;
                }

                (c, length) = Escape(input.Slice(i));
            }

            if (map)
            {
                rawAt[written] = i;
            }

            output[written++] = c;
            i += length;
        }

        consumed = i;
        return written;
    }

    /// <summary>The text a whole JSON document stands for, and where each of its characters (and its end) stands in <paramref name="json"/>.</summary>
    public static string Unescape(string json, out int[] rawAt)
    {
        var output = new char[json.Length];
        rawAt = new int[json.Length + 1];
        int written = Unescape(json.AsSpan(), output, final: true, out _, rawAt);
        rawAt[written] = json.Length;
        Array.Resize(ref rawAt, written + 1);
        return new string(output, 0, written);
    }

    /// <summary>The character the escape at the start of <paramref name="text"/> (a backslash) stands for, and how many characters it takes.</summary>
    private static (char Character, int Length) Escape(ReadOnlySpan<char> text)
    {
        if (text.Length < 2)
        {
            return ('\\', 1);
        }

        switch (text[1])
        {
            case 'u' when text.Length >= LongestEscape && Hex(text.Slice(2, 4)) is int code and >= 0:
                return ((char)code, LongestEscape);
            case 'n':
                return ('\n', 2);
            case 'r':
                return ('\r', 2);
            case 't':
                return ('\t', 2);
            case 'b':
                return ('\b', 2);
            case 'f':
                return ('\f', 2);
            case '/' or '\\' or '"':
                return (text[1], 2);
            default:
                return ('\\', 1);
        }
    }

    /// <summary>Whether the backslash opening <paramref name="tail"/> (the input's last characters) may start an escape the next input completes.</summary>
    private static bool CutEscape(ReadOnlySpan<char> tail)
    {
        if (tail.Length == 1)
        {
            return true;
        }

        if (tail[1] != 'u')
        {
            return false;
        }

        foreach (char c in tail.Slice(2))
        {
            if (HexDigit(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int Hex(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            int digit = HexDigit(c);
            if (digit < 0)
            {
                return -1;
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static int HexDigit(char c) => c is >= '0' and <= '9' ? c - '0' : (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : -1;

    private static int SkipSpace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF'))
        {
            i++;
        }

        return i;
    }
}
