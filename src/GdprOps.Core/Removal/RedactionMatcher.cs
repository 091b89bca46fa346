using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection;
using GdprOps.Model;

namespace GdprOps.Removal;

/// <summary>
/// What redaction removes: everything the subject matcher accepts (full names in every spelling, "Last, First",
/// identifiers) with initials allowed, plus the shortened forms people write in running text about someone they
/// already named: the surname after a title ("Ms van den Berg", "hr. Østergaard", "mevrouw De Wit") and initials
/// before it ("S. Østergaard", "S.A. Østergaard"). The title itself stays; it is not the person.
/// </summary>
public sealed class RedactionMatcher
{
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
        "hr", "herr", "fru", "frk", "frøken", "dr",
        "dhr", "mevr", "mevrouw", "mw", "heer", "meneer", "mej", "juffrouw", "drs", "ir", "mr",
    };

    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "van", "von", "de", "den", "der", "het", "te", "ten", "ter", "la", "le", "du", "da", "di", "af",
    };

    private readonly SubjectMatcher _matcher;
    private readonly List<string[]> _surnames = new();

    public RedactionMatcher(SubjectProfile subject)
    {
        _matcher = new SubjectMatcher(subject.AllowInitials ? subject : Rebuild(subject));
        foreach (var name in subject.GetIdentifiers().Where(i => i.Kind == IdentifierKind.Name))
        {
            var parts = name.Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            // The surname: the last word and the particles just before it ("van den Berg").
            int first = parts.Length - 1;
            while (first > 1 && Particles.Contains(parts[first - 1]))
            {
                first--;
            }

            _surnames.Add(parts.Skip(first).Select(p => NameFolding.Skeleton(p.AsSpan())).ToArray());
        }
    }

    /// <summary>The spans to replace, longest first where they overlap, in no particular order.</summary>
    public IReadOnlyList<SubjectMatch> Match(string text)
    {
        var matches = _matcher.Match(text).ToList();
        if (_surnames.Count > 0)
        {
            AddShortForms(text, matches);
        }

        return matches;
    }

    /// <summary>Where only the surname of the person is left (after redaction): each start.</summary>
    public IReadOnlyList<int> BareSurnames(string text)
    {
        var words = Words(text);
        var found = new List<int>();
        for (int i = 0; i < words.Count; i++)
        {
            if (SurnameAt(text, words, i) is not null)
            {
                found.Add(words[i].Start);
            }
        }

        return found;
    }

    private void AddShortForms(string text, List<SubjectMatch> matches)
    {
        var words = Words(text);
        for (int i = 0; i + 1 < words.Count; i++)
        {
            string word = text.Substring(words[i].Start, words[i].End - words[i].Start);
            bool title = Titles.Contains(word) && (words[i].End >= text.Length || text[words[i].End] is '.' or ' ' or '\t' or '\n' or '\r' or '\u00A0');
            bool initials = IsInitials(text, words, i, out int afterInitials);
            if (!title && !initials)
            {
                continue;
            }

            int next = title ? i + 1 : afterInitials;
            if (next < words.Count && SurnameAt(text, words, next) is { } end)
            {
                int start = title ? words[next].Start : words[i].Start;
                matches.Add(new SubjectMatch(IdentifierKind.Name, start, end - start, "N*** (short form)"));
            }
        }
    }

    /// <summary>The end of the person's surname when it starts at word <paramref name="index"/>, else null.</summary>
    private int? SurnameAt(string text, List<(int Start, int End)> words, int index)
    {
        foreach (var surname in _surnames)
        {
            if (index + surname.Length > words.Count)
            {
                continue;
            }

            bool all = true;
            for (int k = 0; k < surname.Length && all; k++)
            {
                var word = words[index + k];
                all = NameFolding.SkeletonEquals(text.AsSpan(word.Start, word.End - word.Start), surname[k])
                    && (k == 0 || OnlySpaceBetween(text, words[index + k - 1].End, word.Start));
            }

            if (all)
            {
                return words[index + surname.Length - 1].End;
            }
        }

        return null;
    }

    /// <summary>One or more single letters each followed by a dot ("S." or "S.A."), then a space: the index of the word after them.</summary>
    private static bool IsInitials(string text, List<(int Start, int End)> words, int index, out int after)
    {
        after = index;
        while (after < words.Count && words[after].End - words[after].Start == 1 && char.IsUpper(text[words[after].Start])
            && words[after].End < text.Length && text[words[after].End] == '.')
        {
            after++;
        }

        return after > index;
    }

    private static bool OnlySpaceBetween(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(int Start, int End)> Words(string text)
    {
        var words = new List<(int Start, int End)>();
        int position = 0;
        while (TextTokens.NextWord(text, ref position, out int start))
        {
            words.Add((start, position));
        }

        return words;
    }

    private static SubjectProfile Rebuild(SubjectProfile subject) =>
        new SubjectProfile(subject.CaseId, subject.GetIdentifiers(), allowInitials: true);
}
