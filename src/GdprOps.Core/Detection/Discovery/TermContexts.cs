using System;
using System.Collections.Generic;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// What the words around a special-category term say it is, read once per chunk over its hits (rare: nothing is paid per
/// word): a capitalised term in an organisation's name is the organisation ("Cancer Research UK"), and a weak term whose
/// lexicon entry names a <see cref="TermContext"/> is strong where its context says so (a party after a word of membership,
/// a state after a copula, an origin after a capitalised adjective, a place of worship after a verb of going there).
/// </summary>
internal static class TermContexts
{
    /// <summary>Drops the hits from <paramref name="first"/> on that stand in an organisation's name and makes strong those their context makes strong.</summary>
    public static void Apply(string text, List<(string Category, string Term, int Start, bool Weak)> hits, int first)
    {
        DropOrganisationNames(text, hits, first);
        Strengthen(text, hits, first);
    }

    /// <summary>
    /// Prepositions, each with the words before it that make the name of a party or a union after it a membership or an
    /// activity of the person: "member of", "active in", "stood for", "medlem af", "aktiv i", "lid van", "actief bij".
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> MembershipBefore = new(StringComparer.Ordinal)
    {
        ["of"] = new(StringComparer.Ordinal) { "member", "members", "membership", "chair", "chairman" },
        ["in"] = new(StringComparer.Ordinal) { "active", "actief", "actieve" },
        ["for"] = new(StringComparer.Ordinal)
        {
            "stood", "stands", "standing", "candidate", "councillor", "chair", "chairman", "stiller", "stillede", "kandidat",
            "folketingskandidat", "byrådskandidat", "formand", "næstformand",
        },
        ["af"] = new(StringComparer.Ordinal) { "medlem", "medlemmer", "indmeldt", "meldt" },
        ["i"] = new(StringComparer.Ordinal) { "aktiv", "aktive", "engageret", "ind", "organiseret" }, // "meldt sig ind i FOA"
        ["på"] = new(StringComparer.Ordinal) { "stemmer", "stemte" },
        ["van"] = new(StringComparer.Ordinal) { "lid", "leden", "voorzitter", "kieslijst", "kandidatenlijst" },
        ["bij"] = new(StringComparer.Ordinal) { "actief", "actieve", "lid" },
        ["voor"] = new(StringComparer.Ordinal) { "kandidaat", "raadslid", "gemeenteraadslid" },
        ["op"] = new(StringComparer.Ordinal) { "stemt", "stemde", "stem" },
        ["til"] = new(StringComparer.Ordinal) { "kontingent", "kontingentet", "indmeldt", "indmeldelse" },
        ["aan"] = new(StringComparer.Ordinal) { "contributie", "bijdrage" },
    };

    /// <summary>
    /// The words after a name that make it the person's: a member or a representative of it, or what a member pays ("Unite
    /// rep", "GMB member", "FNV-kaderlid", "3F-medlem", "the Unison deduction").
    /// </summary>
    private static readonly HashSet<string> MembersAfter = new(StringComparer.Ordinal)
    {
        "rep", "reps", "representative", "steward", "member", "members", "official", "organiser", "councillor", "candidate",
        "deduction", "deductions", "subscription", "subscriptions", "subs", "dues", "fees",
        "medlem", "medlemmer", "tillidsrepræsentant", "tillidsmand", "byrådsmedlem", "kandidat", "kontingent",
        "lid", "leden", "kaderlid", "kaderleden", "raadslid", "kandidaat", "contributie", "voter",
    };

    /// <summary>
    /// The words that make a name the person's only joined to it by a hyphen: "PVV-stemmer" is a voter, while "SF stemmer for
    /// forslaget" is the party voting.
    /// </summary>
    private static readonly HashSet<string> MembersJoined = new(StringComparer.Ordinal) { "stemmer", "kiezer" };

    /// <summary>The verbs whose object, the name of a party or a union, is the person's: "joined the GMB", "votes SNP".</summary>
    private static readonly HashSet<string> MembershipVerbs = new(StringComparer.Ordinal) { "joined", "rejoined", "votes", "voted" };

    /// <summary>
    /// Makes strong the weak hits from <paramref name="first"/> on whose words around them say what they are (<see cref="TermContext"/>):
    /// <list type="bullet">
    /// <item>the name of a party or a union after a word of membership or activity, an article at most between ("aktiv i
    /// Enhedslisten", "lid van de VVD", "joined the GMB", "kontingent til Dansk Metal"), or before a word of a member ("Unite
    /// rep", "3F-medlem"); alone, the news names parties and unions;</item>
    /// <item>a state right after a copula ("Fru Jensen er blind", "Koen is doof"), not before "to" or "for" ("blind to the
    /// risks", "blind for konsekvenserne");</item>
    /// <item>an origin after a capitalised adjective ("of Polish origin", "een Vietnamese achtergrond"; not "of unknown
    /// origin");</item>
    /// <item>a place of worship at most four words after a verb of going there ("goes to the gurdwara", "går i kirke",
    /// "bezoekt elke vrijdag de moskee"; not "walks past the mosque", "de fietsenstalling bij de moskee", "goes to church hall
    /// meetings").</item>
    /// </list>
    /// Rare: only hits are read.
    /// </summary>
    private static void Strengthen(string text, List<(string Category, string Term, int Start, bool Weak)> hits, int first)
    {
        for (int k = first; k < hits.Count; k++)
        {
            var hit = hits[k];
            if (!hit.Weak || !SpecialCategoryLexicon.ContextOf.TryGetValue((hit.Category, hit.Term), out var context))
            {
                continue;
            }

            bool strong = context switch
            {
                TermContext.Name => AfterMembership(text, hit.Start) || BeforeMember(text, hit.Start, hit.Term),
                TermContext.State => AfterCopula(text, hit.Start),
                TermContext.Origin => AfterCapitalisedAdjective(text, hit.Start),
                _ => AfterVisit(text, hit.Start),
            };

            if (strong)
            {
                hits[k] = (hit.Category, hit.Term, hit.Start, false);
            }
        }
    }

    /// <summary>The verbs of going to a place of worship, in its sense of worship: "goes to the mosque", "går i kirke", "gaat naar de kerk".</summary>
    private static readonly HashSet<string> VisitVerbs = new(StringComparer.Ordinal)
    {
        "go", "goes", "went", "going", "attend", "attends", "attended", "attending", "visits", "pray", "prays", "prayed", "praying",
        "worship", "worships", "worshipped",
        "går", "gik", "gået", "besøger", "beder", "bad", "deltager",
        "gaat", "ging", "gaan", "bezoekt", "bezocht", "bidt", "bad", "kerkt",
    };

    /// <summary>The words between a verb and a place of worship that make it a way past or a place beside: "past the mosque", "bij de moskee".</summary>
    private static readonly HashSet<string> BesideWords = new(StringComparer.Ordinal)
    {
        "past", "by", "near", "behind", "opposite", "forbi", "ved", "bag", "overfor", "langs", "voorbij", "bij", "achter", "tegenover",
    };

    /// <summary>The words after a place of worship that make it a building or a place for something else: "church hall", "moskévej".</summary>
    private static readonly HashSet<string> BuildingWords = new(StringComparer.Ordinal)
    {
        "hall", "halls", "street", "road", "lane", "square", "car", "park", "yard", "grounds", "garden", "roof", "fete", "sale",
        "café", "cafe", "shop", "school", "nursery",
        "sal", "salen", "gade", "vej", "plads", "gård", "have", "skole", "børnehave",
        "zaal", "straat", "weg", "plein", "tuin", "parkeerplaats",
    };

    private static bool AfterVisit(string text, int start)
    {
        if (NextWord(text, AdjacentWords.End(text, start)) is { } after && BuildingWords.Contains(after))
        {
            return false; // "goes to church hall meetings"
        }

        int at = start;
        for (int words = 0; words < 4 && PreviousWord(text, ref at) is { } word; words++)
        {
            if (BesideWords.Contains(word))
            {
                return false;
            }

            if (VisitVerbs.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The copulas before a state of a person: "is blind", "er blind", "is doof", "was deaf", "er blevet blind".</summary>
    private static readonly HashSet<string> Copulas = new(StringComparer.Ordinal)
    {
        "is", "was", "are", "been", "er", "var", "blevet", "blev", "werd", "wordt", "geworden",
    };

    /// <summary>
    /// The words after a state that make it a figure of speech or a thing: "blind to the risks", "blind for", "doof voor",
    /// "a blind spot", "det er blind vej".
    /// </summary>
    private static readonly HashSet<string> FigureAfter = new(StringComparer.Ordinal)
    {
        "to", "for", "til", "over", "overfor", "voor", "op", "om",
        "spot", "spots", "date", "alley", "copy", "test", "tests", "trust", "faith", "vej", "vinkel", "makker", "passager",
    };

    private static bool AfterCopula(string text, int start)
    {
        int at = start;
        if (PreviousWord(text, ref at) is not { } copula || !Copulas.Contains(copula))
        {
            return false;
        }

        return NextWord(text, AdjacentWords.End(text, start)) is not { } after || !FigureAfter.Contains(after);
    }

    /// <summary>The word after <paramref name="end"/> (<see cref="AdjacentWords.After"/>), lower-cased, or null.</summary>
    private static string? NextWord(string text, int end) =>
        AdjacentWords.After(text, end, out int start, out int wordEnd) ? text.Substring(start, wordEnd - start).ToLowerInvariant() : null;

    /// <summary>Whether a capitalised word stands right before, and is not the sentence's first: "of Polish origin", "een Vietnamese achtergrond".</summary>
    private static bool AfterCapitalisedAdjective(string text, int start)
    {
        if (!AdjacentWords.Before(text, start, out int adjective, out int end) || end - adjective < 3 || !char.IsUpper(text[adjective]))
        {
            return false;
        }

        // Not the first word of a sentence: a word (not a mark) before it.
        int before = adjective;
        while (before > 0 && text[before - 1] == ' ')
        {
            before--;
        }

        return before > 0 && char.IsLetter(text[before - 1]);
    }

    /// <summary>Whether a word of membership or activity stands before the name at <paramref name="start"/>, an article at most between.</summary>
    private static bool AfterMembership(string text, int start)
    {
        string? word = PreviousWord(text, ref start);
        if (word is "the" or "de" or "het")
        {
            word = PreviousWord(text, ref start);
        }

        if (word is null)
        {
            return false;
        }

        return MembershipVerbs.Contains(word)
            || (MembershipBefore.TryGetValue(word, out var before) && PreviousWord(text, ref start) is { } verb && before.Contains(verb));
    }

    /// <summary>Whether a word of a member or a representative follows the name <paramref name="term"/> at <paramref name="start"/>: "Unite rep", "3F-medlem".</summary>
    private static bool BeforeMember(string text, int start, string term)
    {
        // Past the name's words (letters or digits: "3F", "Dansk Metal"), then a space or a hyphen, then the next word.
        int words = 1;
        foreach (char c in term)
        {
            words += c is ' ' or '-' ? 1 : 0;
        }

        int i = start;
        for (int w = 0; w < words; w++)
        {
            while (i < text.Length && text[i] is ' ' or '-')
            {
                i++;
            }

            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
        }

        if (i >= text.Length || text[i] is not (' ' or '-'))
        {
            return false;
        }

        int next = ++i;
        i = AdjacentWords.End(text, next);
        string word = text.Substring(next, i - next).ToLowerInvariant();
        return i > next && (MembersAfter.Contains(word) || (text[next - 1] == '-' && MembersJoined.Contains(word)));
    }

    /// <summary>The word before <paramref name="position"/> (<see cref="AdjacentWords.Before"/>), lower-cased; <paramref name="position"/> moves to its start.</summary>
    private static string? PreviousWord(string text, ref int position)
    {
        if (!AdjacentWords.Before(text, position, out int start, out int end))
        {
            return null;
        }

        position = start;
        return text.Substring(start, end - start).ToLowerInvariant();
    }

    /// <summary>
    /// The words after which a capitalised term is the name of an organisation, not what a person has or is: "Cancer
    /// Research UK", "Macmillan Cancer Support", "Alzheimer's Society", "Kræftens Bekæmpelse", "Diabetes Fonds".
    /// </summary>
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.Ordinal)
    {
        "Research", "Society", "Support", "Foundation", "Trust", "Association", "UK", "Fund", "Charity", "Alliance", "Institute",
        "Awareness", "Federation", "Action", "Network",
        "Forening", "Foreningen", "Fond", "Fonden", "Bekæmpelse", "Danmark", "Selskab", "Selskabet", "Landsforening", "Landsforeningen",
        "Fonds", "Stichting", "Vereniging", "Nederland", "Bestrijding",
    };

    /// <summary>
    /// Drops the hits from <paramref name="first"/> on whose word (a term of one word) is capitalised and followed by a word of an
    /// organisation's name (<see cref="OrganisationWords"/>): a charity's shop or collection is not a person's health. Rare:
    /// only hits are read.
    /// </summary>
    private static void DropOrganisationNames(string text, List<(string Category, string Term, int Start, bool Weak)> hits, int first)
    {
        int kept = first;
        for (int k = first; k < hits.Count; k++)
        {
            // A phrase names its own next word ("Reform UK" is the party).
            if (hits[k].Term.IndexOf(' ') >= 0 || !InOrganisationName(text, hits[k].Start))
            {
                hits[kept++] = hits[k];
            }
        }

        hits.RemoveRange(kept, hits.Count - kept);
    }

    private static bool InOrganisationName(string text, int start)
    {
        if (!char.IsUpper(text[start]))
        {
            return false;
        }

        int i = AdjacentWords.End(text, start);

        // A genitive: "Alzheimer's Society", "Parkinson’s UK".
        if (i + 2 < text.Length && text[i] is '\'' or '\u2019' && text[i + 1] == 's')
        {
            i += 2;
        }

        if (i + 1 >= text.Length || text[i] != ' ' || !char.IsUpper(text[i + 1]))
        {
            return false;
        }

        int next = i + 1;
        return OrganisationWords.Contains(text.Substring(next, AdjacentWords.End(text, next) - next));
    }
}
