using System;

namespace GdprOps.Extraction;

/// <summary>How a text writes the characters it escapes: <see cref="EscapedText"/>.</summary>
internal enum Escaping
{
    /// <summary>As they are: a backslash or an ampersand is itself (a Windows path's "C:\Users\nielsen", prose's "A &amp; B").</summary>
    None,

    /// <summary>JSON: "\u00F8", "\n", "\\", "\"".</summary>
    Json,

    /// <summary>XML: "&amp;#248;", "&amp;#xF8;", "&amp;amp;", "&amp;apos;".</summary>
    Xml,
}

/// <summary>
/// Text whose writer escaped characters. .NET's System.Text.Json and Python's json module escape every letter outside ASCII
/// by default ("S\u00F8ren \u00D8stergaard"), a line break inside a JSON string is "\n" before the next word ("Kære\nSøren"),
/// and XML written in ASCII or by older tools escapes them as character references ("S&amp;#248;ren", "O&amp;apos;Brien"). Read
/// as written, such a name is never a name: <see cref="Unescape(Escaping, ReadOnlySpan{char}, Span{char}, bool, out int, Span{int})"/>
/// gives the text the escapes stand for, for the extractor to scan and the redactor to match (with where each character was
/// written). Only text that opens as JSON or XML is read so (<see cref="Sniff"/>).
/// </summary>
internal static class EscapedText
{
    /// <summary>The longest escape of any kind: XML's "&amp;#1114111;".</summary>
    public const int LongestEscape = 10;

    /// <summary>
    /// How <paramref name="head"/> (a text's first characters) escapes: JSON when it opens an object whose first key is quoted, or
    /// an array of objects, arrays or strings (JSON Lines opens the same way); XML when it opens with a declaration, a comment or
    /// an element.
    /// </summary>
    public static Escaping Sniff(ReadOnlySpan<char> head)
    {
        int i = SkipSpace(head, 0);
        if (i >= head.Length)
        {
            return Escaping.None;
        }

        char open = head[i];
        if (open == '<')
        {
            return i + 1 < head.Length && (char.IsLetter(head[i + 1]) || head[i + 1] is '?' or '!') ? Escaping.Xml : Escaping.None;
        }

        if (open is not ('{' or '['))
        {
            return Escaping.None;
        }

        i = SkipSpace(head, i + 1);
        return i < head.Length && (open == '{' ? head[i] is '"' or '}' : head[i] is '{' or '[' or '"' or ']') ? Escaping.Json : Escaping.None;
    }

    /// <summary>
    /// Writes the text <paramref name="input"/> stands for into <paramref name="output"/> (at least as long): JSON's "\uXXXX" as
    /// its character, "\n", "\r", "\t", "\b", "\f" as theirs, "\/", "\\" and "\"" as the character escaped; XML's character
    /// references and its five named entities as their characters; anything else as written. Unless <paramref name="final"/>,
    /// an escape cut by the input's end is left for the next call: <paramref name="consumed"/> says how far the input was read.
    /// <paramref name="rawAt"/>, when given (as long as the output), gets the input index each output character was read from.
    /// </summary>
    /// <returns>The number of characters written.</returns>
    public static int Unescape(Escaping escaping, ReadOnlySpan<char> input, Span<char> output, bool final, out int consumed, Span<int> rawAt = default)
    {
        char opener = escaping == Escaping.Json ? '\\' : escaping == Escaping.Xml ? '&' : '\0';
        bool map = rawAt.Length > 0;
        int written = 0;
        int i = 0;
        while (i < input.Length)
        {
            int code = input[i];
            int length = 1;
            if (code == opener && opener != '\0')
            {
                var rest = input.Slice(i);
                if (!final && rest.Length < LongestEscape && (escaping == Escaping.Json ? JsonCut(rest) : XmlCut(rest)))
                {
                    break;
                }

                (code, length) = escaping == Escaping.Json ? Json(rest) : Xml(rest);
            }

            // A character beyond the first plane (an XML reference to an emoji) is two: it is never longer than its escape.
            int units = code > 0xFFFF ? 2 : 1;
            if (map)
            {
                rawAt[written] = i;
                if (units == 2)
                {
                    rawAt[written + 1] = i;
                }
            }

            if (units == 2)
            {
                code -= 0x10000;
                output[written++] = (char)(0xD800 + (code >> 10));
                output[written++] = (char)(0xDC00 + (code & 0x3FF));
            }
            else
            {
                output[written++] = (char)code;
            }

            i += length;
        }

        consumed = i;
        return written;
    }

    /// <summary>How many of a text's first characters <see cref="Sniff"/> is asked about when a whole document is read.</summary>
    private const int SniffChars = 4096;

    /// <summary>
    /// The text a whole document stands for when it opens as JSON or XML (<see cref="Sniff"/>), with where each of its
    /// characters (and its end) is written; else the document itself and a null map.
    /// </summary>
    public static string Read(string text, out int[]? rawAt)
    {
        var escaping = Sniff(text.AsSpan(0, Math.Min(text.Length, SniffChars)));
        rawAt = null;
        if (escaping == Escaping.None)
        {
            return text;
        }

        string read = Unescape(escaping, text, out int[] map);
        rawAt = map;
        return read;
    }

    /// <summary>Where the span [<paramref name="start"/>, <paramref name="end"/>) of a text <see cref="Read"/> gave is written (itself when <paramref name="rawAt"/> is null).</summary>
    public static (int Start, int End) Written(int[]? rawAt, int start, int end) => rawAt is null ? (start, end) : (rawAt[start], rawAt[end]);

    /// <summary>The text a whole document stands for, and where each of its characters (and its end) stands in <paramref name="text"/>.</summary>
    public static string Unescape(Escaping escaping, string text, out int[] rawAt)
    {
        var output = new char[text.Length];
        rawAt = new int[text.Length + 1];
        int written = Unescape(escaping, text.AsSpan(), output, final: true, out _, rawAt);
        rawAt[written] = text.Length;
        Array.Resize(ref rawAt, written + 1);
        return new string(output, 0, written);
    }

    /// <summary>The character a JSON escape at the start of <paramref name="text"/> (a backslash) stands for, and how many characters it takes.</summary>
    private static (int Code, int Length) Json(ReadOnlySpan<char> text)
    {
        if (text.Length < 2)
        {
            return ('\\', 1);
        }

        switch (text[1])
        {
            case 'u' when text.Length >= 6 && Number(text.Slice(2, 4), 16) is int code and >= 0:
                return (code, 6);
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
    private static bool JsonCut(ReadOnlySpan<char> tail) =>
        tail.Length == 1 || (tail[1] == 'u' && tail.Length < 6 && Number(tail.Slice(2), 16) >= 0);

    private static readonly (string Name, char Character)[] XmlEntities = { ("amp;", '&'), ("lt;", '<'), ("gt;", '>'), ("quot;", '"'), ("apos;", '\'') };

    /// <summary>The character an XML reference at the start of <paramref name="text"/> (an ampersand) stands for, and how many characters it takes.</summary>
    private static (int Code, int Length) Xml(ReadOnlySpan<char> text)
    {
        int semicolon = text.Slice(0, Math.Min(text.Length, LongestEscape)).IndexOf(';');
        if (semicolon > 2 && text[1] == '#')
        {
            bool hex = text[2] is 'x' or 'X';
            var digits = text.Slice(hex ? 3 : 2, semicolon - (hex ? 3 : 2));
            int code = digits.Length is > 0 and <= 7 ? Number(digits, hex ? 16 : 10) : -1;
            // A reference to a surrogate or beyond Unicode is no character: left as written.
            return code is > 0 and <= 0x10FFFF && code is not (>= 0xD800 and <= 0xDFFF) ? (code, semicolon + 1) : ('&', 1);
        }

        foreach (var (name, character) in XmlEntities)
        {
            if (text.Slice(1).StartsWith(name.AsSpan(), StringComparison.Ordinal))
            {
                return (character, name.Length + 1);
            }
        }

        return ('&', 1);
    }

    /// <summary>Whether the ampersand opening <paramref name="tail"/> may start a reference the next input completes: no ';' yet, and a reference's first characters.</summary>
    private static bool XmlCut(ReadOnlySpan<char> tail)
    {
        if (tail.IndexOf(';') >= 0)
        {
            return false;
        }

        foreach (char c in tail.Slice(1))
        {
            if (!(char.IsLetterOrDigit(c) || c == '#'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of <paramref name="digits"/> in base 10 or 16, or -1 when one is no digit of it.</summary>
    private static int Number(ReadOnlySpan<char> digits, int radix)
    {
        int value = 0;
        foreach (char c in digits)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : radix == 16 && Uri.IsHexDigit(c) ? Uri.FromHex(c) : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * radix) + digit;
        }

        return value;
    }

    private static int SkipSpace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF'))
        {
            i++;
        }

        return i;
    }
}
