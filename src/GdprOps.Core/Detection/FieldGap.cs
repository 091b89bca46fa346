using System;

namespace GdprOps.Detection;

/// <summary>
/// The boundary between two fields of a record written as structured text, where the next field's key or tag stands between
/// two values: JSON and Python's dicts (<c>"Søren","lastName":"Østergaard"</c>, also pretty-printed over lines), XML elements
/// (<c>Søren&lt;/FirstName&gt;&lt;LastName&gt;Østergaard</c>) and attributes (<c>first="Søren" last="Østergaard"</c>), key=value
/// pairs (<c>first=Søren&amp;last=Østergaard</c>, a log's <c>first=Søren last=Østergaard</c>) and "Key: value" lines (YAML, LDIF,
/// a form's "Fornavn: Søren" above "Efternavn: Østergaard"). Exports keep a person's first and last name in fields of their
/// own as they keep them in columns (<see cref="TextTokens.CellBetween"/>). Only the next field counts, as only the next cell does.
/// </summary>
internal static class FieldGap
{
    /// <summary>The widest boundary read: an XML element's closing tag, white space and the next one's opening tag with its attributes.</summary>
    public const int MaxLength = 160;

    private const int MaxKey = 40;

    /// <summary>
    /// Where the next field's value starts when what stands at <paramref name="from"/> (just after a value) is the boundary to
    /// the next field, read no further than <paramref name="limit"/>; -1 when it is not.
    /// </summary>
    public static int ValueStart(string text, int from, int limit)
    {
        limit = Math.Min(Math.Min(text.Length, limit), from + MaxLength);
        if (from >= limit)
        {
            return -1;
        }

        int value = Quoted(text, from, limit);
        value = value >= 0 ? value : Element(text, from, limit);
        value = value >= 0 ? value : Pair(text, from, limit);
        return value >= 0 ? value : Line(text, from, limit);
    }

    /// <summary>A quoted value, then a comma and a quoted key with its colon (JSON, a dict), or white space and an attribute's name with its equals sign (XML, HTML).</summary>
    private static int Quoted(string text, int i, int limit)
    {
        if (text[i] is not ('"' or '\''))
        {
            return -1;
        }

        i++;
        if (i < limit && text[i] == ']')
        {
            i++; // the end of a list of one: "given":["Søren"],"family":"Østergaard"
        }

        int next = SkipSpace(text, i, limit);
        if (next < limit && text[next] == ',')
        {
            i = SkipSpace(text, next + 1, limit);
            if (i >= limit || text[i] is not ('"' or '\''))
            {
                return -1;
            }

            char keyQuote = text[i];
            int keyEnd = i + 1;
            while (keyEnd < limit && keyEnd - i <= MaxKey && text[keyEnd] != keyQuote && text[keyEnd] is not ('\\' or '\n'))
            {
                keyEnd++;
            }

            if (keyEnd == i + 1 || keyEnd >= limit || text[keyEnd] != keyQuote)
            {
                return -1;
            }

            i = SkipSpace(text, keyEnd + 1, limit);
            if (i >= limit || text[i] != ':')
            {
                return -1;
            }

            i = SkipSpace(text, i + 1, limit);
            if (i < limit && text[i] == '[')
            {
                i = SkipSpace(text, i + 1, limit);
            }

            return i < limit && text[i] is '"' or '\'' ? i + 1 : -1;
        }

        if (next == i)
        {
            return -1;
        }

        int nameEnd = KeyEnd(text, next, limit, c => !char.IsWhiteSpace(c) && c is not ('=' or '<' or '>' or '"' or '\'' or '/'));
        if (nameEnd < 0)
        {
            return -1;
        }

        i = SkipSpace(text, nameEnd, limit);
        if (i >= limit || text[i] != '=')
        {
            return -1;
        }

        i = SkipSpace(text, i + 1, limit);
        return i < limit && text[i] is '"' or '\'' ? i + 1 : -1;
    }

    /// <summary>An XML element's closing tag, white space, and the next element's opening tag (with attributes, not empty).</summary>
    private static int Element(string text, int i, int limit)
    {
        i = SkipSpace(text, i, limit);
        if (i + 1 >= limit || text[i] != '<' || text[i + 1] != '/')
        {
            return -1;
        }

        i = KeyEnd(text, i + 2, limit, IsTagChar);
        if (i < 0 || i >= limit || text[i] != '>')
        {
            return -1;
        }

        i = SkipSpace(text, i + 1, limit);
        if (i + 1 >= limit || text[i] != '<' || !IsTagChar(text[i + 1]))
        {
            return -1;
        }

        i = KeyEnd(text, i + 1, limit, IsTagChar);
        while (i >= 0 && i < limit && text[i] is not ('>' or '<'))
        {
            i++;
        }

        if (i < 0 || i >= limit || text[i] != '>' || text[i - 1] == '/')
        {
            return -1;
        }

        return SkipSpace(text, i + 1, limit);

        static bool IsTagChar(char c) => !char.IsWhiteSpace(c) && c is not ('<' or '>' or '/' or '!' or '?' or '"' or '\'' or '=');
    }

    /// <summary>key=value pairs: '&amp;', ',', ';' or white space, then the next key and its equals sign.</summary>
    private static int Pair(string text, int i, int limit)
    {
        if (text[i] is '&' or ',' or ';')
        {
            i++;
        }
        else if (char.IsWhiteSpace(text[i]))
        {
            i = SkipSpace(text, i, limit);
        }
        else
        {
            return -1;
        }

        i = KeyEnd(text, i, limit, c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-');
        return i >= 0 && i + 1 < limit && text[i] == '=' && text[i + 1] is not ('=' or ' ') ? i + 1 : -1;
    }

    /// <summary>"Key: value" lines: the value ends its line (maybe quoted), the next line is a key (a YAML list's "- " before it), a colon and a space.</summary>
    private static int Line(string text, int i, int limit)
    {
        if (text[i] is '"' or '\'')
        {
            i++;
        }

        i = SkipBlanks(text, i, limit);

        if (i < limit && text[i] == '\r')
        {
            i++;
        }

        if (i >= limit || text[i] != '\n')
        {
            return -1;
        }

        i++;
        i = SkipBlanks(text, i, limit);

        if (i + 1 < limit && text[i] == '-' && text[i + 1] == ' ')
        {
            i += 2;
        }

        if (i >= limit || !char.IsLetter(text[i]))
        {
            return -1;
        }

        int key = i;
        i = KeyEnd(text, i, limit, c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or ' ');
        if (i < 0 || i + 1 >= limit || text[i] != ':' || text[i + 1] is not (' ' or '\t') || IsMailHeader(text.AsSpan(key, i - key)))
        {
            return -1;
        }

        i++;
        i = SkipBlanks(text, i, limit);

        return i < limit && text[i] is '"' or '\'' ? i + 1 : i;
    }

    // The header lines a forwarded or quoted message repeats in its body ("Til: Søren" above "Emne: Østergaard og budget"):
    // each names another thing (a recipient, the subject, a date), never the next part of one person's name.
    private static readonly string[] MailHeaders =
    {
        "from", "to", "cc", "bcc", "subject", "sent", "date", "reply-to", "fra", "til", "emne", "sendt", "dato", "svar til",
        "van", "aan", "onderwerp", "verzonden", "datum", "antwoord aan",
    };

    private static bool IsMailHeader(ReadOnlySpan<char> key)
    {
        key = key.TrimEnd(' ');
        foreach (string header in MailHeaders)
        {
            if (key.Equals(header.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The end of a key of 1 to <see cref="MaxKey"/> characters from <paramref name="i"/> that <paramref name="inKey"/> allows, or -1.</summary>
    private static int KeyEnd(string text, int i, int limit, Func<char, bool> inKey)
    {
        int start = i;
        while (i < limit && i - start <= MaxKey && inKey(text[i]))
        {
            i++;
        }

        return i > start && i - start <= MaxKey ? i : -1;
    }

    /// <summary>Past the spaces and tabs from <paramref name="i"/> (a line's own blanks, no line break).</summary>
    private static int SkipBlanks(string text, int i, int limit)
    {
        while (i < limit && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static int SkipSpace(string text, int i, int limit)
    {
        while (i < limit && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
