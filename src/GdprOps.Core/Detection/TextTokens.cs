using System;
using System.Collections.Generic;

namespace GdprOps.Detection;

/// <summary>
/// The letter runs of a text, with skeletons computed on demand, and checks on what stands between two
/// tokens. Name matching works on these instead of on characters so whitespace and line breaks are free.
/// </summary>
internal sealed class TextTokens
{
    private readonly string _text;
    private readonly List<int> _starts = new();
    private readonly List<int> _ends = new();

    public TextTokens(string text)
        : this(text, 0, text.Length)
    {
    }

    /// <summary>The tokens of <paramref name="text"/> from <paramref name="from"/> (a token start) to <paramref name="to"/>, or to the end of the word <paramref name="to"/> falls in.</summary>
    public TextTokens(string text, int from, int to)
    {
        _text = text;
        while (to < text.Length && to > from && NameFolding.IsTokenChar(text[to - 1]) && NameFolding.IsTokenChar(text[to]))
        {
            to++; // never cut a word: "Østergaardsen" is not "Østergaard"
        }

        int start = -1;
        for (int i = from; i <= to; i++)
        {
            bool token = i < to && NameFolding.IsTokenChar(text[i]);
            if (token && start < 0)
            {
                start = i;
            }
            else if (!token && start >= 0)
            {
                _starts.Add(start);
                _ends.Add(i);
                start = -1;
            }
        }
    }

    /// <summary>
    /// The next word (letters and combining marks) at or after <paramref name="position"/>, without building a
    /// token list: its start, and <paramref name="position"/> moved to its end. False when there is none.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static bool NextWord(string text, ref int position, out int start)
    {
        int i = position;
        while (i < text.Length && !NameFolding.IsTokenChar(text[i]))
        {
            i++;
        }

        start = i;
        while (i < text.Length && NameFolding.IsTokenChar(text[i]))
        {
            i++;
        }

        position = i;
        return i > start;
    }

    public int Count => _starts.Count;

    public int Start(int i) => _starts[i];

    /// <summary>The skeleton of every token, in order.</summary>
    public IEnumerable<string> Skeletons()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return NameFolding.Skeleton(_text.AsSpan(_starts[i], _ends[i] - _starts[i]));
        }
    }

    public int End(int i) => _ends[i];

    public char FirstFolded(int i) => NameFolding.FirstFolded(_text[_starts[i]]);

    public bool SkeletonEquals(int i, string skeleton) => NameFolding.SkeletonEquals(_text.AsSpan(_starts[i], _ends[i] - _starts[i]), skeleton);

    /// <summary>Whether token <paramref name="i"/> is <paramref name="skeleton"/> with a genitive -s ("Østergaards").</summary>
    public bool GenitiveEquals(int i, string skeleton)
    {
        int length = _ends[i] - _starts[i];
        return length >= 3 && _text[_ends[i] - 1] is 's' or 'S' && NameFolding.SkeletonEquals(_text.AsSpan(_starts[i], length - 1), skeleton);
    }

    /// <summary>A one-letter token ("B", of "B.") or a word that starts with a capital.</summary>
    public bool IsInitialOrCapitalised(int i) => IsOneLetter(i) || (i < Count && char.IsUpper(_text[_starts[i]]));

    /// <summary>Whether token <paramref name="i"/> is a single letter (an initial, "B" of "Søren B. Østergaard").</summary>
    public bool IsOneLetter(int i) => i < Count && _ends[i] - _starts[i] == 1 && char.IsLetter(_text[_starts[i]]);

    /// <summary>Whether tokens <paramref name="first"/> to <paramref name="last"/> are written in capitals only, two letters or more ("ØSTERGAARD").</summary>
    public bool InCapitals(int first, int last)
    {
        int letters = 0;
        for (int k = first; k <= last; k++)
        {
            for (int i = _starts[k]; i < _ends[k]; i++)
            {
                char c = _text[i];
                if (char.IsLower(c))
                {
                    return false;
                }

                letters += char.IsLetter(c) ? 1 : 0;
            }
        }

        return letters >= 2;
    }

    /// <summary>Whether token <paramref name="i"/> is a single capital letter (an initial as written, not a cell's "x" mark).</summary>
    public bool IsCapitalInitial(int i) => IsOneLetter(i) && char.IsUpper(_text[_starts[i]]);

    /// <summary><see cref="WhitespaceBetween"/>, with no line break in it.</summary>
    public bool SpaceOnLineBetween(int a, int b, int maxGap) =>
        WhitespaceBetween(a, b, maxGap) && _text.AsSpan(_ends[a], _starts[b] - _ends[a]).IndexOfAny('\n', '\r') < 0;

    /// <summary>A one-letter token such as the "S" of "S." or "S Østergaard".</summary>
    public bool IsInitial(int i, char folded) =>
        _ends[i] - _starts[i] == 1 && NameFolding.FirstFolded(_text[_starts[i]]) == folded;

    /// <summary>Whether token <paramref name="i"/> is written as the letters <paramref name="folded"/> (folded initials: "vd", "VD").</summary>
    public bool IsInitials(int i, ReadOnlySpan<char> folded)
    {
        if (_ends[i] - _starts[i] != folded.Length)
        {
            return false;
        }

        for (int k = 0; k < folded.Length; k++)
        {
            if (NameFolding.FirstFolded(_text[_starts[i] + k]) != folded[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exactly a slash between two tokens ("v/d").</summary>
    public bool SlashBetween(int a, int b) => b < Count && _starts[b] - _ends[a] == 1 && _text[_ends[a]] == '/';

    /// <summary>
    /// Only whitespace (or a full stop after an initial) between two tokens; an apostrophe counts as whitespace, as it
    /// breaks words for the tokens: the elided particles of Dutch names ("van 't Hof", "van't Hof", "van ’s Gravesande") stand
    /// after one.
    /// </summary>
    public bool WhitespaceBetween(int a, int b, int maxGap)
    {
        if (b >= Count)
        {
            return false;
        }

        int from = _ends[a];
        int to = _starts[b];
        if (to - from < 1 || to - from > maxGap)
        {
            return false;
        }

        int i = from;
        if (_ends[a] - _starts[a] == 1 && _text[i] == '.')
        {
            i++;
        }

        bool any = i > from;
        for (; i < to; i++)
        {
            if (!char.IsWhiteSpace(_text[i]) && !NameFolding.IsApostrophe(_text[i]))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// Two cells of a row side by side, as exports keep first and last names in columns of their own: one separator of
    /// delimited text between two tokens (';', '|', a tab, or a comma with no space after it: "Søren;Østergaard",
    /// "Østergaard,Søren"), or two around an empty cell (a Dutch export's empty "tussenvoegsel" column: "Jan;;Jansen"), each
    /// cell maybe quoted ("\"Søren\";\"Østergaard\""); a Markdown table's pipe with its spaces ("| Søren | Østergaard |").
    /// "Søren, Østergaard" and "Søren; Østergaard" in prose are no such pair.
    /// </summary>
    public bool CellBetween(int a, int b)
    {
        if (b >= Count)
        {
            return false;
        }

        int from = _ends[a];
        int to = _starts[b];
        if (to - from is < 1 or > MaxCellGap)
        {
            return false;
        }

        if (_text.AsSpan(from, to - from).Trim(' ') is { Length: 1 } pipe && pipe[0] == '|')
        {
            return true;
        }

        char separator = '\0';
        int separators = 0;
        // An initial's full stop stays with it ("Søren;A.;Østergaard").
        from += _ends[a] - _starts[a] == 1 && _text[from] == '.' ? 1 : 0;
        for (int i = from; i < to; i++)
        {
            char c = _text[i];
            if (c is ';' or '|' or '\t' or ',' && (separators == 0 || c == separator))
            {
                separator = c;
                separators++;
            }
            else if (c != '"')
            {
                return false;
            }
        }

        return separators is 1 or 2;
    }

    /// <summary>
    /// The token that starts the next field's value when a key or tag stands between token <paramref name="a"/> and it, as
    /// structured text writes a record (<see cref="FieldGap"/>: "Søren","lastName":"Østergaard"); -1 when none does. The
    /// tokens between are the key's.
    /// </summary>
    public int FieldAfter(int a)
    {
        if (a + 1 >= Count)
        {
            return -1;
        }

        int from = _ends[a] + (_ends[a] - _starts[a] == 1 && _ends[a] < _text.Length && _text[_ends[a]] == '.' ? 1 : 0);
        int value = FieldGap.ValueStart(_text, from, _text.Length);
        for (int b = a + 1; value >= 0 && b < Count && _starts[b] <= value; b++)
        {
            if (_starts[b] == value)
            {
                return b;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether something other than prose's whitespace, hyphens, apostrophes, full stops and commas with a space stands
    /// between tokens <paramref name="first"/> and <paramref name="last"/>: a cell's separator, a quote, a field's key.
    /// </summary>
    public bool AcrossCells(int first, int last)
    {
        for (int i = _ends[first]; i < _starts[last]; i++)
        {
            char c = _text[i];
            if (c is ';' or '|' or '\t' or '"' or '<' or '>' or '=' or ':' or '&' or '[' || (c == ',' && i + 1 < _text.Length && !char.IsWhiteSpace(_text[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether tokens <paramref name="first"/> to <paramref name="last"/> are glued on either side by an '@' or a full stop to
    /// a letter or digit: the local part of an e-mail address or a user name ("soeren.oestergaard@", "x.oestergaard").
    /// </summary>
    public bool GluedOutside(int first, int last)
    {
        int before = _starts[first] - 1;
        int after = _ends[last];
        return (before >= 1 && _text[before] is '@' or '.' && char.IsLetterOrDigit(_text[before - 1]))
            || (after + 1 < _text.Length && _text[after] is '@' or '.' && char.IsLetterOrDigit(_text[after + 1]));
    }

    /// <summary>Whether the whole text is a file's name or a folder path (an item's): its words may be joined as <see cref="FileNameSeparatorBetween"/> reads.</summary>
    public bool IsFileName { get; set; }

    /// <summary>
    /// Whether tokens <paramref name="a"/> and <paramref name="b"/> are two words of a file's name joined by the one character
    /// file names put for a space ("CV_Søren_Østergaard.docx", "soeren.oestergaard.pdf", "Søren-Østergaard-kontrakt.pdf"): an
    /// underscore, a full stop, or a hyphen in a name that has no space (where a name has spaces, a hyphen joins a double
    /// surname: "Østergaard-Hansen"). Only inside a file's name: the item's own (<see cref="IsFileName"/>), or a word that
    /// ends with an extension in text (an attachment's, a path's last part); never in an e-mail address ("soeren_oestergaard@").
    /// </summary>
    public bool FileNameSeparatorBetween(int a, int b)
    {
        if (b >= Count || _starts[b] - _ends[a] != 1 || _text[_ends[a]] is not ('_' or '.' or '-'))
        {
            return false;
        }

        int at = _ends[a];
        int start = at, end = at;
        if (IsFileName)
        {
            // The name, or the folder of a path, the separator stands in.
            while (start > 0 && _text[start - 1] is not ('/' or '\\'))
            {
                start--;
            }

            while (end < _text.Length && _text[end] is not ('/' or '\\'))
            {
                end++;
            }
        }
        else
        {
            while (start > 0 && !char.IsWhiteSpace(_text[start - 1]) && _text[start - 1] is not ('/' or '\\'))
            {
                start--;
            }

            while (end < _text.Length && !char.IsWhiteSpace(_text[end]))
            {
                end++;
            }
        }

        var name = _text.AsSpan(start, end - start);
        if (name.IndexOf('@') >= 0 || (_text[at] == '-' && name.IndexOfAny(' ', '\t') >= 0))
        {
            return false;
        }

        if (IsFileName)
        {
            return true;
        }

        // The word ends with an extension (past any punctuation of the sentence around it): ".docx", ".pdf", ".msg".
        name = name.TrimEnd(".,;:!?)]\"'".AsSpan());
        int dot = name.LastIndexOf('.');
        int extension = name.Length - dot - 1;
        if (dot < 0 || start + dot < _starts[b] || extension is < 1 or > 5)
        {
            return false;
        }

        bool letter = false;
        foreach (char c in name.Slice(dot + 1))
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }

            letter |= char.IsLetter(c);
        }

        return letter;
    }

    /// <summary>
    /// The words of a name matched over tokens <paramref name="first"/> to <paramref name="last"/>, one space between them,
    /// without the keys or tags of the fields it stands in (<see cref="FieldAfter"/>): what its masked evidence is made of.
    /// </summary>
    public string NameWords(int first, int last)
    {
        var words = new List<string>();
        for (int k = first; k <= last; k++)
        {
            words.Add(_text.Substring(_starts[k], _ends[k] - _starts[k]));
            int field = k < last ? FieldAfter(k) : -1;
            k = field > k + 1 && field <= last ? field - 1 : k;
        }

        return string.Join(" ", words);
    }

    /// <summary>Whether a hyphen between tokens <paramref name="first"/> to <paramref name="last"/> stands for a space in a file's name (<see cref="FileNameSeparatorBetween"/>).</summary>
    public bool JoinedByFileNameHyphens(int first, int last)
    {
        for (int k = first; k < last; k++)
        {
            if (_text[_ends[k]] == '-' && FileNameSeparatorBetween(k, k + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The widest gap <see cref="CellBetween"/> reads: two quoted cells' quotes around an empty quoted one.</summary>
    private const int MaxCellGap = 8;

    /// <summary>"Last, First": a comma and optional whitespace between two tokens.</summary>
    public bool CommaBetween(int a, int b, int maxGap)
    {
        if (b >= Count)
        {
            return false;
        }

        int from = _ends[a];
        int to = _starts[b];
        if (to - from < 1 || to - from > maxGap || _text[from] != ',')
        {
            return false;
        }

        for (int i = from + 1; i < to; i++)
        {
            if (!char.IsWhiteSpace(_text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the span of tokens first..last is glued by a hyphen to a word on either side: "Østergaard" in
    /// "Østergaard-Hansen" is part of another surname, also where a line's end broke it after the hyphen.
    /// </summary>
    public bool HyphenatedOutward(int first, int last)
    {
        int before = _starts[first] - 1;
        int after = _ends[last];
        bool left = before >= 1 && IsHyphen(_text[before]) && char.IsLetter(_text[before - 1]);
        bool right = after + 1 < _text.Length && IsHyphen(_text[after]) && (char.IsLetter(_text[after + 1]) || BrokenAtLineEnd(last));
        return left || right;
    }

    /// <summary>
    /// Inside one part of a name: "Anne-Marie" or "Anne Marie", "O'Brien" or "O’Brien" (an apostrophe: see
    /// <see cref="NameFolding.IsApostrophe"/>), and "Holm-" at a line's end before "Jensen" (see <see cref="BrokenAtLineEnd"/>).
    /// </summary>
    public bool HyphenOrSpaceBetween(int a, int b)
    {
        int from = _ends[a];
        int to = _starts[b];
        if (to - from == 1 && IsHyphen(_text[from]))
        {
            return true;
        }

        return WhitespaceBetween(a, b, 4) || (b == a + 1 && IsHyphen(_text[from]) && BrokenAtLineEnd(a));
    }

    /// <summary>
    /// Whether token <paramref name="a"/> ends its line with a hyphen (or a soft hyphen) and token a + 1 goes on at the next
    /// line: a word broken where the line ends, as a justified PDF or a narrow column sets a long name ("Øster-" above
    /// "gaard"). Only whitespace with a line break in it stands between them.
    /// </summary>
    public bool BrokenAtLineEnd(int a)
    {
        if (a + 1 >= Count)
        {
            return false;
        }

        int from = _ends[a];
        int to = _starts[a + 1];
        if (from < to && IsHyphen(_text[from]))
        {
            from++;
        }
        else if (_text[_ends[a] - 1] != '\u00AD')
        {
            return false;
        }

        if (to - from is < 1 or > 8)
        {
            return false;
        }

        bool lineBreak = false;
        for (int i = from; i < to; i++)
        {
            char c = _text[i];
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }

            lineBreak |= c is '\n' or '\r' or '\u2028' or '\u2029' or '\v' or '\f';
        }

        return lineBreak;
    }

    /// <summary>
    /// Whether tokens <paramref name="a"/> and a + 1, read as the one word a line's end broke (<see cref="BrokenAtLineEnd"/>),
    /// fold to <paramref name="skeleton"/>, or with <paramref name="genitive"/> to it and a genitive -s.
    /// </summary>
    public bool JoinedSkeletonEquals(int a, string skeleton, bool genitive)
    {
        string joined = JoinedWord(a);
        return NameFolding.SkeletonEquals(joined.AsSpan(), skeleton)
            || (genitive && joined.Length >= 3 && joined[joined.Length - 1] is 's' or 'S' && NameFolding.SkeletonEquals(joined.AsSpan(0, joined.Length - 1), skeleton));
    }

    /// <summary>Tokens <paramref name="a"/> and a + 1 written as one word, without what stands between them ("Øster" and "gaard").</summary>
    public string JoinedWord(int a) =>
        _text.Substring(_starts[a], _ends[a] - _starts[a]) + _text.Substring(_starts[a + 1], _ends[a + 1] - _starts[a + 1]);

    /// <summary>
    /// The hyphens a double name is written with: the ASCII one, and those word processors put in ("Holm‑Jensen" with a
    /// non-breaking hyphen, U+2011, so the name is not broken at a line's end; U+2010: the hyphens of
    /// <see cref="SpacedLiteral.GroupSeparator"/>), and an en dash an autocorrection made.
    /// </summary>
    internal static bool IsHyphen(char c) => c == '\u2013' || SpacedLiteral.GroupSeparator(c) == '-';
}
