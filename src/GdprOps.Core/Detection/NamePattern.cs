using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Detection;

/// <summary>
/// A full name as folded token groups: the first part, optional middle parts, and the last part. A part is
/// one or more tokens joined by hyphens ("Anne-Marie"). Text matches "First [Middle...] Last" with any
/// whitespace or line breaks between parts, "Last, First [Middle...]", first and last name in two cells of a row
/// ("Søren;Østergaard", "Østergaard;Søren": <see cref="TextTokens.CellBetween"/>) or fields of a record ("Søren","lastName":"Østergaard":
/// <see cref="FieldGap"/>), a file's name ("CV_Søren_Østergaard.docx"), the surname in capitals first ("ØSTERGAARD Søren"), middle names left out or given as
/// initials, and "S. Last" / "Last, S." when initials are allowed.
/// </summary>
internal sealed class NamePattern
{
    private const int MaxGap = 12;

    private NamePattern(string[][] parts, Dictionary<string[], string[]> glued)
    {
        Parts = parts;
        _glued = glued;
        _middles = parts.Skip(1).Take(Math.Max(0, parts.Length - 2)).ToArray();
    }

    private readonly string[][] _middles;

    // A part written with an apostrophe ("O'Brien": tokens "o", "brien"), by reference (an array's own equality), and its
    // tokens with the apostrophe left out ("obrien"): HR systems and forms that take letters only write "OBrien".
    private readonly Dictionary<string[], string[]> _glued;

    public string[][] Parts { get; }

    private string[] First => Parts[0];

    private string[] Last => Parts[Parts.Length - 1];

    public static NamePattern? Create(string name)
    {
        var glued = new Dictionary<string[], string[]>();
        var parts = new List<string[]>();
        foreach (string written in name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var part = Skeletons(written);
            if (part.Length == 0)
            {
                continue;
            }

            parts.Add(part);
            var together = Skeletons(NameFolding.WithoutApostrophes(written));
            if (together.Length > 0 && !together.SequenceEqual(part, StringComparer.Ordinal))
            {
                glued[part] = together;
            }
        }

        return parts.Count == 0 ? null : new NamePattern(parts.ToArray(), glued);

        static string[] Skeletons(string part) => new TextTokens(part).Skeletons().Where(t => t.Length > 0).ToArray();
    }

    /// <summary>
    /// How far a match can reach from its first character: every word three times its skeleton (transliterations
    /// and combining marks) plus the widest gap allowed between words, and a field's key between each two parts.
    /// </summary>
    public int MaxSpan => Parts.Sum(part => part.Sum(token => (token.Length * 3) + MaxGap + 4)) + ((Parts.Length - 1) * FieldGap.MaxLength) + 64;

    /// <summary>The skeletons a match can begin with: the first word of the first name or of the last name ("Last, First").</summary>
    public IEnumerable<string> StartSkeletons()
    {
        yield return First[0];
        yield return Last[0];
        foreach (var part in new[] { First, Last })
        {
            if (_glued.TryGetValue(part, out var together))
            {
                yield return together[0];
            }
        }
    }

    /// <summary>Tries every form at token <paramref name="i"/>; returns the index of the last token matched, or -1.</summary>
    public int MatchAt(TextTokens tokens, int i, bool allowInitials, out bool byInitials)
    {
        byInitials = false;
        if (Parts.Length == 1)
        {
            return MatchPart(tokens, i, First);
        }

        int end = Whole(MatchForward(tokens, i, initialFirst: false));
        if (end >= 0)
        {
            return end;
        }

        end = Whole(MatchReversed(tokens, i, initialFirst: false));
        if (end >= 0 || !allowInitials)
        {
            return end;
        }

        byInitials = true;
        end = Whole(MatchForward(tokens, i, initialFirst: true));
        return end >= 0 ? end : Whole(MatchReversed(tokens, i, initialFirst: true));

        // Parts found in cells or fields of their own are whole values: not the start of the next field's e-mail address
        // ("Østergaard","email":"soeren.oestergaard@..." is no "Østergaard, Søren").
        int Whole(int last) => last >= 0 && tokens.AcrossCells(i, last) && tokens.GluedOutside(i, last) ? -1 : last;
    }

    private int MatchForward(TextTokens tokens, int i, bool initialFirst)
    {
        int at = initialFirst ? MatchInitial(tokens, i, First[0][0]) : MatchPart(tokens, i, First);
        if (at < 0)
        {
            return -1;
        }

        int end = MatchMiddlesAndLast(tokens, at);
        if (end >= 0)
        {
            return end;
        }

        // A middle name or initial the profile does not give, after the first name ("Søren B. Østergaard", "Jan P. de Vries",
        // "Anna Maria Jensen" for Anna Jensen): one, an initial or a capitalised word. A word must stand on the first name's
        // line and the next's (a list's "Søren" above "Mette Østergaard" is two people); an initial may stand across a line's
        // end, where wrapped text and a PDF's lines put one ("Søren" above "B. Østergaard").
        int middle = at + 1;
        if (tokens.IsInitialOrCapitalised(middle))
        {
            // A capital initial may also have a column of its own in an export ("Søren";"A.";"Østergaard"); a whole word there may
            // as well be a surname before a street named after another ("Søren;Jensen;Østergaard Allé"), a small letter a mark.
            bool cells = tokens.IsCapitalInitial(middle) && tokens.CellBetween(at, middle) && tokens.CellBetween(middle, middle + 1);
            bool close = cells || (tokens.IsOneLetter(middle)
                ? tokens.WhitespaceBetween(at, middle, MaxGap) && tokens.WhitespaceBetween(middle, middle + 1, MaxGap)
                : tokens.SpaceOnLineBetween(at, middle, MaxGap) && tokens.SpaceOnLineBetween(middle, middle + 1, MaxGap));
            if (close)
            {
                return MatchMiddlesAndLast(tokens, middle);
            }
        }

        // Or a field of its own in a record ("firstName":"Søren","middleInitial":"A","lastName":"Østergaard"), as a column.
        middle = tokens.FieldAfter(at);
        return middle >= 0 && tokens.IsCapitalInitial(middle) && tokens.FieldAfter(middle) >= 0 ? MatchMiddlesAndLast(tokens, middle) : -1;
    }

    /// <summary>The profile's middle parts (each optional) and the last name after token <paramref name="at"/>; the index of the last token, or -1.</summary>
    private int MatchMiddlesAndLast(TextTokens tokens, int at)
    {
        at = MatchMiddles(tokens, at);
        int end = Adjacent(tokens, at) ? MatchLast(tokens, at + 1) : -1;
        int field = end < 0 ? tokens.FieldAfter(at) : -1;
        return field >= 0 ? MatchLast(tokens, field) : end;
    }

    /// <summary>
    /// Whether tokens <paramref name="a"/> and a + 1 may be two parts of a name as written: whitespace between them, or the
    /// next cell of a row (an export's "Voornaam;Tussenvoegsel;Achternaam" columns). Where they are not (or a + 1 is not the
    /// part), the next part may still be the value of the record's next field, past its key (<see cref="TextTokens.FieldAfter"/>).
    /// </summary>
    private static bool Adjacent(TextTokens tokens, int a) =>
        tokens.WhitespaceBetween(a, a + 1, MaxGap) || tokens.CellBetween(a, a + 1) || tokens.FileNameSeparatorBetween(a, a + 1);

    /// <summary>
    /// The last name at token <paramref name="i"/>, or in the genitive Danish, Dutch and Swedish write by adding -s ("Søren
    /// Østergaards ansøgning"; English "Østergaard's" is the name and a token "s"). Returns the index of its last token, or -1.
    /// </summary>
    private int MatchLast(TextTokens tokens, int i) => MatchPart(tokens, i, Last, genitive: true);

    private int MatchReversed(TextTokens tokens, int i, bool initialFirst)
    {
        int at = MatchPart(tokens, i, Last);
        if (at < 0)
        {
            return -1;
        }

        // "Østergaard, Søren", a row's cells or a file's name; and the surname in capitals before the first name with no comma,
        // as formal lists write a name ("ØSTERGAARD Søren").
        int end = tokens.CommaBetween(at, at + 1, MaxGap) || tokens.CellBetween(at, at + 1) || tokens.FileNameSeparatorBetween(at, at + 1)
            || (tokens.SpaceOnLineBetween(at, at + 1, MaxGap) && tokens.InCapitals(i, at)) ? FirstAndMiddles(at + 1) : -1;
        int field = end < 0 ? tokens.FieldAfter(at) : -1;
        return field >= 0 ? FirstAndMiddles(field) : end;

        int FirstAndMiddles(int next)
        {
            int first = initialFirst ? MatchInitial(tokens, next, First[0][0]) : MatchPart(tokens, next, First);
            return first < 0 ? -1 : MatchMiddles(tokens, first);
        }
    }

    /// <summary>
    /// Middle parts are each optional, in order, in full or as an initial; consecutive ones also as their initials in one
    /// word or joined by a slash, as the Dutch abbreviate their particles ("Jan vd Berg", "Jan v/d Berg" for "Jan van den Berg").
    /// Each stands next to the part before it (<see cref="Adjacent"/>) or in the record's next field.
    /// </summary>
    private int MatchMiddles(TextTokens tokens, int at)
    {
        bool afterInitial = false;
        for (int m = 0; m < _middles.Length; m++)
        {
            int adjacent = Adjacent(tokens, at) || (afterInitial && tokens.SlashBetween(at, at + 1)) ? at + 1 : -1;
            if (adjacent >= 0 && MatchMiddle(tokens, adjacent, ref m, ref at, ref afterInitial))
            {
                continue;
            }

            int field = tokens.FieldAfter(at);
            if (field >= 0 && MatchMiddle(tokens, field, ref m, ref at, ref afterInitial))
            {
                continue;
            }

            if (adjacent < 0 && field < 0)
            {
                break;
            }
        }

        return at;
    }

    /// <summary>
    /// Middle part <paramref name="m"/> at token <paramref name="next"/>, in full or as an initial, or with the parts after it
    /// as their initials in one word; moves <paramref name="at"/> (and <paramref name="m"/>) past what it spells.
    /// </summary>
    private bool MatchMiddle(TextTokens tokens, int next, ref int m, ref int at, ref bool afterInitial)
    {
        var middle = _middles[m];
        int full = MatchPart(tokens, next, middle);
        if (full >= 0)
        {
            at = full;
            afterInitial = false;
            return true;
        }

        int initial = MatchInitial(tokens, next, middle[0][0]);
        if (initial >= 0)
        {
            at = initial;
            afterInitial = true;
            return true;
        }

        int run = InitialsRun(tokens, next, m);
        if (run > 1)
        {
            at = next;
            m += run - 1;
            afterInitial = false;
            return true;
        }

        return false;
    }

    /// <summary>How many of the middle parts from <paramref name="m"/> on token <paramref name="i"/> spells by their initials in one word (2 or 3), or 0.</summary>
    private int InitialsRun(TextTokens tokens, int i, int m)
    {
        if (i >= tokens.Count)
        {
            return 0;
        }

        Span<char> initials = stackalloc char[3];
        for (int run = Math.Min(3, _middles.Length - m); run >= 2; run--)
        {
            for (int k = 0; k < run; k++)
            {
                initials[k] = _middles[m + k][0][0];
            }

            if (tokens.IsInitials(i, initials.Slice(0, run)))
            {
                return run;
            }
        }

        return 0;
    }

    /// <summary>
    /// The part's words from token <paramref name="i"/>: each one token, or two where a line's end broke the word with a hyphen
    /// ("Øster-" above "gaard": <see cref="TextTokens.BrokenAtLineEnd"/>). Returns the index of the last token, or -1.
    /// </summary>
    /// <param name="genitive">The part's last word may carry a genitive -s.</param>
    private int MatchPart(TextTokens tokens, int i, string[] part, bool genitive = false)
    {
        int end = MatchTokens(tokens, i, part, genitive);
        return end < 0 && _glued.Count > 0 && _glued.TryGetValue(part, out var together) ? MatchTokens(tokens, i, together, genitive) : end;
    }

    /// <summary><see cref="MatchPart"/> for one way of writing the part.</summary>
    private static int MatchTokens(TextTokens tokens, int i, string[] part, bool genitive)
    {
        int t = i;
        for (int k = 0; k < part.Length; k++, t++)
        {
            if (t >= tokens.Count || (k > 0 && !tokens.HyphenOrSpaceBetween(t - 1, t)))
            {
                return -1;
            }

            bool mayBeGenitive = genitive && k == part.Length - 1;
            if (tokens.SkeletonEquals(t, part[k]) || (mayBeGenitive && tokens.GenitiveEquals(t, part[k])))
            {
                continue;
            }

            if (!tokens.BrokenAtLineEnd(t) || !tokens.JoinedSkeletonEquals(t, part[k], mayBeGenitive))
            {
                return -1;
            }

            t++;
        }

        return t - 1;
    }

    private static int MatchInitial(TextTokens tokens, int i, char folded) =>
        i < tokens.Count && tokens.IsInitial(i, folded) ? i : -1;
}
