using System;
using System.Collections.Generic;
using System.Text;

namespace GdprOps.Detection;

/// <summary>
/// Names written into a URL: a web server's or proxy's log keeps what people searched for and whose page they opened
/// ("GET /search?q=S%C3%B8ren+%C3%98stergaard", "/people/Jens%20Holm"), percent-encoded, with '+' for a space in a query.
/// As written no such name is a name: <see cref="Runs"/> finds the encoded words of a text and <see cref="Decode"/> gives the
/// text they stand for, with where each character was written, for the name matcher to read.
/// </summary>
internal static class UrlEncoded
{
    private static readonly char[] Signs = { '%', '+' };

    /// <summary>The longest run decoded: a URL longer than this is read as written.</summary>
    private const int MaxRun = 4096;

    /// <summary>
    /// The runs of non-blank characters in <paramref name="text"/> that hold a percent-encoded byte ("%C3") or a '+' between two
    /// letters after a '=' (a query's space): what <see cref="Decode"/> is asked to read.
    /// </summary>
    public static IEnumerable<(int Start, int End)> Runs(string text)
    {
        for (int i = 0; i < text.Length && (i = text.IndexOfAny(Signs, i)) >= 0; i++)
        {
            if (!(text[i] == '%' ? i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2])
                : text[i] == '+' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1])))
            {
                continue;
            }

            int start = i, end = i;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('"' or '\'' or '<' or '>'))
            {
                start--;
            }

            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\'' or '<' or '>'))
            {
                end++;
            }

            // A '+' stands for a space only in a query ("q=Jens+Holm"), never in prose ("A+B").
            if (end - start <= MaxRun && (text[i] == '%' || text.IndexOf('=', start, i - start) >= 0))
            {
                yield return (start, end);
            }

            i = end;
        }
    }

    /// <summary>
    /// The text [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> stands for: "%XX" bytes read as
    /// UTF-8 (a byte that is no part of a whole character stays as written), '+' as a space. <paramref name="rawAt"/> gets, for
    /// each character and the end, where in <paramref name="text"/> it was written.
    /// </summary>
    public static string Decode(string text, int start, int end, out int[] rawAt)
    {
        var decoded = new StringBuilder(end - start);
        var at = new List<int>(end - start + 1);
        var bytes = new byte[4];
        int i = start;
        while (i < end)
        {
            int length = Utf8Sequence(text, i, end, bytes);
            if (length > 0)
            {
                foreach (char c in Encoding.UTF8.GetString(bytes, 0, length))
                {
                    decoded.Append(c);
                    at.Add(i);
                }

                i += length * 3;
                continue;
            }

            decoded.Append(text[i] == '+' ? ' ' : text[i]);
            at.Add(i);
            i++;
        }

        at.Add(end);
        rawAt = at.ToArray();
        return decoded.ToString();
    }

    /// <summary>
    /// How many "%XX" bytes from <paramref name="i"/> make one whole UTF-8 character (written into <paramref name="bytes"/>), or 0
    /// when none starts there.
    /// </summary>
    private static int Utf8Sequence(string text, int i, int end, byte[] bytes)
    {
        int lead = ByteAt(text, i, end);
        int length = lead < 0 ? 0 : lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
        if (length == 0)
        {
            return 0;
        }

        bytes[0] = (byte)lead;
        for (int k = 1; k < length; k++)
        {
            int next = ByteAt(text, i + (3 * k), end);
            if (next < 0 || (next & 0xC0) != 0x80)
            {
                return 0;
            }

            bytes[k] = (byte)next;
        }

        return length;
    }

    /// <summary>The byte "%XX" at <paramref name="i"/> stands for, or -1.</summary>
    private static int ByteAt(string text, int i, int end) =>
        i + 3 <= end && text[i] == '%' && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]) ? (Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2]) : -1;
}
