using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Detection;
using GdprOps.Model;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Turns a subject profile into search-index terms (KQL for mail, plain text for drives). The index is only a
/// pre-filter: every candidate is verified locally, so these terms aim to miss nothing rather than to be exact.
/// Double quotes and backslashes are stripped: how to escape them in KQL is undocumented.
/// </summary>
public static class SearchTerms
{
    /// <summary>Terms for one identifier, as they could be written in text.</summary>
    public static IReadOnlyList<string> For(SubjectIdentifier identifier)
    {
        string display = Clean(identifier.Display);
        var terms = new List<string>();
        switch (identifier.Kind)
        {
            case IdentifierKind.Email:
                terms.Add(Clean(identifier.Value));
                break;
            case IdentifierKind.Name:
                terms.Add(display);
                break;
            case IdentifierKind.Phone:
                terms.Add(display);
                string digits = new(identifier.Value.Where(char.IsDigit).ToArray());
                terms.Add(digits);
                terms.AddRange(identifier.Alternatives.Select(a => new string(a.Where(char.IsDigit).ToArray())));
                // The engine counts the number however it is spaced; the index needs it as written ("20 12 34 56", "20123456").
                terms.AddRange(new[] { identifier.Value }.Concat(identifier.Alternatives).SelectMany(Detection.PhoneNormalizer.WrittenForms).Select(Clean));
                break;
            default:
                // "DK_CPR:010190-1234" as typed: the prefix is ours, not the text's (and in KQL "word:" restricts a property).
                terms.Add(WithoutKindPrefix(display));
                terms.Add(Clean(identifier.Value));
                terms.AddRange(WrittenForms(identifier.Kind, identifier.Value));
                break;
        }

        return terms.Where(t => t.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// One KQL query for mail $search, every identifier's clause joined with OR. A bare term covers only from, subject
    /// and body (search-query-parameter.md), so names and emails are also asked as participants (from, to, cc, bcc).
    /// A name is every part in any order, each part in every spelling the matcher treats as the same (Søren, Soeren,
    /// Soren), since the index folds ø to o but not to oe. Identifiers are quoted phrases; quotes, backslashes and
    /// parentheses inside values are dropped (how to escape them in KQL is undocumented).
    /// </summary>
    public static string MailQuery(SubjectProfile subject)
    {
        var clauses = new List<string>();
        foreach (var identifier in subject.GetIdentifiers())
        {
            switch (identifier.Kind)
            {
                case IdentifierKind.Email:
                    foreach (string term in For(identifier))
                    {
                        clauses.Add("participants:" + term);
                        clauses.Add(term);
                    }

                    break;
                case IdentifierKind.Name:
                    if (NameClause(Clean(identifier.Display), subject.AllowInitials) is { } clause)
                    {
                        clauses.Add(clause);
                    }

                    break;
                default:
                    foreach (string term in For(identifier))
                    {
                        clauses.Add("\\\"" + term + "\\\"");
                    }

                    break;
            }
        }

        return "\"" + string.Join(" OR ", clauses.Distinct(StringComparer.OrdinalIgnoreCase)) + "\"";
    }

    /// <summary>
    /// A name as the engine counts it, asked of the index: the first name AND the last name, each in every spelling and as a
    /// participant; middle names are not asked (the engine counts the name without them), the last name also with a genitive
    /// ("Østergaards", "Østergaard's"), and the first name also as its initial when initials count ("S. Østergaard"). Graph's
    /// docs do not say whether a term matches the start of a word or only a whole word, so the forms are asked in full.
    /// </summary>
    private static string? NameClause(string display, bool allowInitials)
    {
        var (first, last) = FirstAndLast(display);
        if (first is null)
        {
            return null;
        }

        var firstTerms = PartForms(first).Select(Term).SelectMany(v => new[] { v, "participants:" + v }).ToList();
        if (allowInitials)
        {
            firstTerms.AddRange(Spellings(first.Substring(0, 1)).Where(i => i.Length == 1));
        }

        string clause = "(" + string.Join(" OR ", firstTerms.Distinct(StringComparer.OrdinalIgnoreCase)) + ")";
        if (last is not null)
        {
            var lastTerms = PartForms(last).SelectMany(v => new[] { Term(v), "participants:" + Term(v), Term(v + "s"), Term(v + "'s") });
            clause += " AND (" + string.Join(" OR ", lastTerms.Distinct(StringComparer.OrdinalIgnoreCase)) + ")";
        }

        return "(" + clause + ")";

        // A form with a space is a phrase: bare, its words would be joined by AND inside the OR.
        static string Term(string form) => form.IndexOf(' ') >= 0 ? "\\\"" + form + "\\\"" : form;
    }

    /// <summary>
    /// A name part's spellings, a hyphenated one's also with spaces ("Anne-Marie" as "Anne Marie": the engine counts both), one
    /// with an apostrophe also with the other apostrophe and with a space ("O'Brien" as "O’Brien" and "O Brien": see
    /// <see cref="Apostrophes"/>).
    /// </summary>
    private static IEnumerable<string> PartForms(string part) =>
        Apostrophes(part).SelectMany(Hyphens).SelectMany(Spellings).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="text"/> as written and, when it has a hyphen, with spaces for its hyphens (the engine counts both).</summary>
    private static IEnumerable<string> Hyphens(string text) => text.IndexOf('-') >= 0 ? new[] { text, text.Replace('-', ' ') } : new[] { text };

    /// <summary>
    /// <paramref name="text"/> as written and, when it has an apostrophe (O'Brien, d'Angelo, van 't Hof), with each of the three
    /// people write (' on a keyboard, ’ from a word processor or a phone, ʼ from some keyboard layouts and converters), with a
    /// space for it, and without it (OBrien, as a system that takes letters only writes it). The engine reads any apostrophe
    /// as a word break (NameFolding.IsApostrophe) and counts every form as the person; Graph's docs do not say whether either
    /// index breaks words there, and an index that keeps the apostrophe in the word (as Unicode's letter ʼ invites) tells the
    /// forms apart.
    /// </summary>
    private static IEnumerable<string> Apostrophes(string text)
    {
        if (!text.Any(NameFolding.IsApostrophe))
        {
            return new[] { text };
        }

        string Each(char apostrophe) => new(text.Select(c => NameFolding.IsApostrophe(c) ? apostrophe : c).ToArray());
        return new[] { text, Each('\''), Each('\u2019'), Each('\u02BC'), string.Join(" ", Each(' ').Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)), NameFolding.WithoutApostrophes(text) }
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The spellings of a name part that DETECTORS.md's folding treats as one: ø = oe = o, æ = ae, å = aa, ö = oe = o,
    /// ä = ae = a, ü = ue = u, ë/é/è = e, ß = ss, and back from the ASCII forms (oe, aa, ae) to the letters.
    /// </summary>
    public static IReadOnlyList<string> Spellings(string part)
    {
        var forms = new List<string> { part };
        void Expand(string from, params string[] to)
        {
            foreach (string form in forms.ToList())
            {
                int at = form.IndexOf(from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    continue;
                }

                foreach (string written in to)
                {
                    // Keep the case the name was written in: Østergaard gives Oestergaard.
                    string replacement = char.IsUpper(form[at]) ? char.ToUpperInvariant(written[0]) + written.Substring(1) : written;
                    string candidate = form.Substring(0, at) + replacement + form.Substring(at + from.Length);
                    if (!forms.Contains(candidate, StringComparer.OrdinalIgnoreCase) && forms.Count < 12)
                    {
                        forms.Add(candidate);
                    }
                }
            }
        }

        Expand("ø", "oe", "o");
        Expand("æ", "ae");
        Expand("å", "aa");
        Expand("ö", "oe", "o");
        Expand("ä", "ae", "a");
        Expand("ü", "ue", "u");
        Expand("ë", "e");
        Expand("é", "e");
        Expand("è", "e");
        Expand("ß", "ss");
        Expand("oe", "ø");
        Expand("aa", "å");
        Expand("ae", "æ");

        // Any other accent (á, ñ, ç ...) also without it.
        foreach (string form in forms.ToList())
        {
            string stripped = WithoutMarks(form);
            if (!forms.Contains(stripped, StringComparer.OrdinalIgnoreCase) && forms.Count < 16)
            {
                forms.Add(stripped);
            }
        }

        return forms;
    }

    /// <summary>
    /// How a national number is written in text besides as typed and compact, for an index that cannot fold spacing:
    /// a CPR with a hyphen or a space after the date, a BSN in its 4-2-3 groups (spaces or dots) and, when it starts with
    /// a zero, as a spreadsheet leaves it (eight digits), a NINO in pairs.
    /// </summary>
    private static IEnumerable<string> WrittenForms(IdentifierKind kind, string value)
    {
        if (kind == IdentifierKind.DK_CPR && value.Length == 10)
        {
            return new[] { value.Substring(0, 6) + "-" + value.Substring(6), value.Substring(0, 6) + " " + value.Substring(6) };
        }

        if (kind == IdentifierKind.NL_BSN && value.Length == 9)
        {
            var forms = new List<string> { value.Substring(0, 4) + " " + value.Substring(4, 2) + " " + value.Substring(6), value.Substring(0, 4) + "." + value.Substring(4, 2) + "." + value.Substring(6) };
            if (value[0] == '0')
            {
                forms.Add(value.Substring(1));
            }

            return forms;
        }

        if (kind == IdentifierKind.UK_NINO && value.Length == 9)
        {
            return new[] { string.Join(" ", value.Substring(0, 2), value.Substring(2, 2), value.Substring(4, 2), value.Substring(6, 2), value.Substring(8)), value.Substring(0, 2) + " " + value.Substring(2, 6) + " " + value.Substring(8) };
        }

        return Array.Empty<string>();
    }

    /// <summary><paramref name="text"/> without its letters' marks (á, ñ, å as a, n, a); ø, æ and ß have none and stay.</summary>
    private static string WithoutMarks(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c);
            }
        }

        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string WithoutKindPrefix(string display)
    {
        int colon = display.IndexOf(':');
        return colon > 0 && Enum.TryParse<IdentifierKind>(display.Substring(0, colon).Trim(), ignoreCase: true, out _) ? display.Substring(colon + 1).Trim() : display;
    }

    /// <summary>
    /// Drive search(q=) texts: one per identifier term (drive search has no OR). A name is asked as its first and last name
    /// (the engine counts it without its middle names, and a search of every word would need them), in every spelling, and
    /// with the last name in the genitive; initials are not asked (a one-letter word is no search).
    /// </summary>
    public static IReadOnlyList<string> DriveQueries(SubjectProfile subject) =>
        subject.GetIdentifiers().SelectMany(identifier => identifier.Kind == IdentifierKind.Name ? NameQueries(Clean(identifier.Display)) : For(identifier))
            .Where(t => t.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static IEnumerable<string> NameQueries(string display)
    {
        var (first, last) = FirstAndLast(display);
        if (first is null)
        {
            return Array.Empty<string>();
        }

        // One request a text and drive: the whole name in each way it is spelt throughout (not every mix of its parts' spellings,
        // which the mail query's OR asks at no cost), a hyphen also as a space, and the genitive as written.
        string name = last is null ? first : first + " " + last;
        return Apostrophes(name).SelectMany(Hyphens).SelectMany(WholeSpellings).Concat(last is null ? Array.Empty<string>() : new[] { name + "s" });
    }

    /// <summary>
    /// <paramref name="name"/> spelt the same way throughout: as written; with oe, ae, aa, ue, ss for ø, æ, å, ö, ä, ü, ß
    /// (Soeren Oestergaard), and so with no other marks either, as a keyboard without the letters types it (José Müller as Jose
    /// Mueller: an index that tells marked letters from plain ones, as SharePoint's can be set to, finds it only so); with o, a,
    /// u and no marks (Soren Ostergaard, Soren Ostergard); and with ø, å, æ for oe, aa, ae (Søren Østergård).
    /// </summary>
    private static IEnumerable<string> WholeSpellings(string name)
    {
        string spelledOut = Map(name, ("ø", "oe"), ("æ", "ae"), ("å", "aa"), ("ö", "oe"), ("ä", "ae"), ("ü", "ue"), ("ß", "ss"));
        var forms = new List<string>
        {
            name,
            spelledOut,
            WithoutMarks(spelledOut),
            WithoutMarks(Map(name, ("ø", "o"), ("æ", "ae"), ("ö", "o"), ("ä", "a"), ("ü", "u"), ("ß", "ss"))),
            WithoutMarks(Map(name, ("aa", "å"), ("ø", "o"), ("æ", "ae"), ("ö", "o"), ("ä", "a"), ("ü", "u"), ("ß", "ss"))),
            Map(name, ("oe", "ø"), ("aa", "å"), ("ae", "æ")),
            Map(name, ("aa", "å")),
        };
        return forms.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary><paramref name="text"/> with every (case-insensitive) occurrence of each pair's first replaced by its second, in the case of the letter replaced.</summary>
    private static string Map(string text, params (string From, string To)[] pairs)
    {
        var mapped = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length;)
        {
            var pair = pairs.FirstOrDefault(p => string.Compare(text, i, p.From, 0, p.From.Length, StringComparison.OrdinalIgnoreCase) == 0);
            if (pair.From is null)
            {
                mapped.Append(text[i++]);
                continue;
            }

            mapped.Append(char.IsUpper(text[i]) ? char.ToUpperInvariant(pair.To[0]) + pair.To.Substring(1) : pair.To);
            i += pair.From.Length;
        }

        return mapped.ToString();
    }

    /// <summary>The first name and the last name of a name written "First Middle Last" or "Last, First Middle" (null where there is none).</summary>
    private static (string? First, string? Last) FirstAndLast(string display)
    {
        int comma = display.IndexOf(',');
        var before = Words(comma < 0 ? display : display.Substring(0, comma));
        var after = comma < 0 ? new List<string>() : Words(display.Substring(comma + 1));
        return comma < 0 || after.Count == 0
            ? (before.FirstOrDefault(), before.Count > 1 ? before[before.Count - 1] : null)
            : (after[0], before.LastOrDefault());

        static List<string> Words(string text) => text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length > 1 && p.Any(char.IsLetter)).ToList();
    }

    private static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is not '"' and not '\\' and not '(' and not ')')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }
}
