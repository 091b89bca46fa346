using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GdprOps.Detection.Discovery;

// The single pass of DiscoveryScanner, continued: The Article 9/10 pass: lexicon terms, the references to a person around them, and one item's scan into its accumulator.
public sealed partial class DiscoveryScanner
{
    // The special-category terms and person references of the chunk being scanned into an accumulator on this thread.
    [ThreadStatic]
    private static List<(string Category, string Term, int Start, bool Weak)>? t_terms;

    [ThreadStatic]
    private static List<int>? t_people;

    /// <summary>
    /// Special-category terms in <paramref name="text"/>, for <see cref="DiscoveryAccumulator"/> to weigh. One
    /// pass over the words, nothing allocated per word: a word's first three letters are looked up in a table
    /// and only a word that can start a term is lower-cased and matched with the words after it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public void ScanSpecialCategories(string text, List<(string Category, string Term, int Start, bool Weak)> hits)
    {
        if (!_anySpecial)
        {
            return;
        }

        int firstHit = hits.Count;
        int end = 0;
        List<SpecialCategoryLexicon.Term>? inside = null;
        List<(int Index, int End)>? phrases = null;
        Span<char> lower = stackalloc char[MaxTermWord];
        var words = new WordFinder(text);
        var clinical = ClinicalWordForms.Check;
        while (words.Next(ref end, out int start))
        {
            // A term written with digits ("D66", "3F", "23andMe") is the whole run of letters and digits around a word.
            if (SpecialTermIndex.MayBeInAlphanumeric(text[start]) && ((start > 0 && IsDigit(text[start - 1])) || (end < text.Length && IsDigit(text[end]))))
            {
                AddAlphanumeric(text, start, end, hits);
            }

            // The infix terms found inside this word (and only this word: a short word after a compound has none).
            inside?.Clear();
            if (end - start >= SpecialTermIndex.MinInfixWord && SpecialTermIndex.MinInfixWord > 0)
            {
                // Compounds that end with a term: "langtidssygemeldt", "fællestillidsrepræsentant".
                inside ??= new List<SpecialCategoryLexicon.Term>();
                SpecialTermIndex.InfixMatches(text.AsSpan(start, end - start), inside);
                foreach (var term in inside)
                {
                    if (TermEnabled(term))
                    {
                        AddHit(hits, term, start);
                    }
                }
            }

            if (SpecialTermIndex.MayStartTerm(text.AsSpan(start, end - start)) && SpecialTermIndex.NextWordMayContinue(text, start, end))
            {
                // The word lower-cased on the stack (a longer word than any term's first word is read as its first letters:
                // it can still start a prefix term).
                var first = Lower(text.AsSpan(start, end - start), lower);
                if (SpecialTermIndex.Candidates(first, end - start <= MaxTermWord, out var exact, out var prefixed))
                {
                    AddMatching(text, start, end, first, exact, whole: true, inside, hits, ref phrases);
                    AddMatching(text, start, end, first, prefixed, whole: false, inside, hits, ref phrases);
                }
            }

            // Health in the forms of clinical language ("tonsillitis", "rygskade", "knee surgery", "broke his wrist"), after the
            // lexicon: a word it names keeps its entry as the term ("diagnosis" is "diagnos*", not a second term "*osis").
            if (clinical.MayEnd(text, start, end))
            {
                AddClinical(text, start, end, hits);
            }
        }

        if (phrases is not null)
        {
            KeepPhrasesWhole(hits, phrases);
        }

        if (hits.Count > firstHit)
        {
            DropOrganisationNames(text, hits, firstHit);
            StrengthenInContext(text, hits, firstHit);
        }
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
        "lid", "leden", "kaderlid", "kaderleden", "raadslid", "kandidaat", "contributie", "stemmer", "stemmers", "kiezer", "voter", "voters",
    };

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
    private static void StrengthenInContext(string text, List<(string Category, string Term, int Start, bool Weak)> hits, int first)
    {
        for (int k = first; k < hits.Count; k++)
        {
            var hit = hits[k];
            if (!hit.Weak || !SpecialCategoryLexicon.ContextOf.TryGetValue(hit.Term, out var context))
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
        int end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        if (NextWord(text, end) is { } after && BuildingWords.Contains(after))
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

        int end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return NextWord(text, end) is not { } after || !FigureAfter.Contains(after);
    }

    /// <summary>The word of letters after one space from <paramref name="end"/>, lower-cased, or null.</summary>
    private static string? NextWord(string text, int end)
    {
        if (end >= text.Length || text[end] != ' ')
        {
            return null;
        }

        int i = end + 1;
        while (i < text.Length && char.IsLetter(text[i]) && i - end <= MaxTermWord)
        {
            i++;
        }

        return i > end + 1 ? text.Substring(end + 1, i - end - 1).ToLowerInvariant() : null;
    }

    /// <summary>Whether a capitalised word stands right before, and is not the sentence's first: "of Polish origin", "een Vietnamese achtergrond".</summary>
    private static bool AfterCapitalisedAdjective(string text, int start)
    {
        int i = start;
        if (i < 2 || text[i - 1] != ' ')
        {
            return false;
        }

        int end = i - 1;
        i = end;
        while (i > 0 && char.IsLetter(text[i - 1]))
        {
            i--;
        }

        if (i == end || !char.IsUpper(text[i]) || end - i < 3)
        {
            return false;
        }

        // Not the first word of a sentence: a word (not a mark) before it.
        int before = i;
        while (before > 0 && text[before - 1] == ' ')
        {
            before--;
        }

        return before > 0 && char.IsLetter(text[before - 1]);
    }

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
        while (i < text.Length && char.IsLetter(text[i]) && i - next < MaxTermWord)
        {
            i++;
        }

        return i > next && MembersAfter.Contains(text.Substring(next, i - next).ToLowerInvariant());
    }

    /// <summary>The word of letters before <paramref name="position"/>, lower-cased, past one to three spaces; <paramref name="position"/> moves to its start.</summary>
    private static string? PreviousWord(string text, ref int position)
    {
        int i = position;
        while (i > 0 && position - i < 3 && text[i - 1] is ' ' or '\t' or '\u00A0')
        {
            i--;
        }

        int end = i;
        while (i > 0 && char.IsLetter(text[i - 1]) && end - i < MaxTermWord)
        {
            i--;
        }

        if (i == end || end == position)
        {
            return null;
        }

        position = i;
        return text.Substring(i, end - i).ToLowerInvariant();
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

        int i = start;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        // A genitive: "Alzheimer's Society", "Parkinson’s UK".
        if (i + 2 < text.Length && text[i] is '\'' or '\u2019' && text[i + 1] == 's')
        {
            i += 2;
        }

        if (i + 1 >= text.Length || text[i] != ' ' || !char.IsUpper(text[i + 1]))
        {
            return false;
        }

        int next = ++i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        return OrganisationWords.Contains(text.Substring(next, i - next));
    }

    /// <summary>
    /// A phrase stands for its words: a term of its category that starts at one of its later words ("syg" in "er syg",
    /// "lægen" in "til lægen") is the same mention, not a second distinct term; the phrase keeps the stronger of the two.
    /// The hits are in order of start, so only those written after a phrase's own, up to its end, are looked at.
    /// </summary>
    private static void KeepPhrasesWhole(List<(string Category, string Term, int Start, bool Weak)> hits, List<(int Index, int End)> phrases)
    {
        var inside = new bool[hits.Count];
        foreach (var (index, end) in phrases)
        {
            var phrase = hits[index];
            for (int k = index + 1; k < hits.Count && hits[k].Start < end; k++)
            {
                var hit = hits[k];
                if (!inside[k] && hit.Start > phrase.Start && hit.Category == phrase.Category)
                {
                    inside[k] = true;
                    if (!hit.Weak && phrase.Weak)
                    {
                        hits[index] = phrase = (phrase.Category, phrase.Term, phrase.Start, false);
                    }
                }
            }
        }

        int kept = 0;
        for (int k = 0; k < hits.Count; k++)
        {
            if (!inside[k])
            {
                hits[kept++] = hits[k];
            }
        }

        hits.RemoveRange(kept, hits.Count - kept);
    }

    /// <summary>Adds the clinical word forms (<see cref="ClinicalWordForms"/>) the word [start, end) completes (rare: out of the loop).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void AddClinical(string text, int start, int end, List<(string Category, string Term, int Start, bool Weak)> hits)
    {
        var found = t_clinical ??= new List<SpecialCategoryLexicon.Term>();
        found.Clear();
        ClinicalWordForms.Find(text, start, end, found);
        foreach (var term in found)
        {
            if (TermEnabled(term))
            {
                AddHit(hits, term, start);
            }
        }
    }

    [ThreadStatic]
    private static List<SpecialCategoryLexicon.Term>? t_clinical;

    /// <summary>
    /// Adds the terms written with digits that the run of letters and digits around the word [start, end) spells. The run
    /// is read once, from its first word: a word with letters before its digits was read with the word before.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void AddAlphanumeric(string text, int start, int end, List<(string Category, string Term, int Start, bool Weak)> hits)
    {
        int from = start;
        while (from > 0 && IsDigit(text[from - 1]))
        {
            from--;
        }

        if (from > 0 && NameFolding.IsTokenChar(text[from - 1]))
        {
            return;
        }

        int to = end;
        while (to < text.Length && (IsDigit(text[to]) || NameFolding.IsTokenChar(text[to])) && to - from <= SpecialTermIndex.LongestAlphanumeric)
        {
            to++;
        }

        if (to - from > SpecialTermIndex.LongestAlphanumeric)
        {
            return;
        }

        Span<char> lower = stackalloc char[MaxTermWord];
        foreach (var term in SpecialTermIndex.Alphanumeric(Lower(text.AsSpan(from, to - from), lower)) ?? Array.Empty<SpecialCategoryLexicon.Term>())
        {
            if (TermEnabled(term))
            {
                AddHit(hits, term, from);
            }
        }
    }

    /// <summary>
    /// Adds the <paramref name="candidates"/> the words from [start, end) spell, except an infix term already found inside
    /// the word. Candidates looked up by the <paramref name="whole"/> word are spelt by it when they are one word: the
    /// lookup's key was the word as written or one of its forms.
    /// </summary>
    /// <param name="phrases">Where the phrases found so far stand (made on the first), for <see cref="KeepPhrasesWhole"/>.</param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void AddMatching(string text, int start, int end, ReadOnlySpan<char> first, SpecialCategoryLexicon.Term[]? candidates, bool whole,
        List<SpecialCategoryLexicon.Term>? inside, List<(string Category, string Term, int Start, bool Weak)> hits, ref List<(int Index, int End)>? phrases)
    {
        foreach (var term in candidates ?? Array.Empty<SpecialCategoryLexicon.Term>())
        {
            int termEnd = end;
            if (TermEnabled(term) && ((whole && term.Words.Length == 1 && !term.Prefix) || Matches(text, end, first, end - start, term, out termEnd))
                && !(term.Infix && inside is not null && inside.Contains(term)))
            {
                int index = AddHit(hits, term, start);
                if (term.Words.Length > 1)
                {
                    (phrases ??= new()).Add((index, termEnd));
                }
            }
        }
    }

    /// <summary>Longer words are lower-cased only as far as this (no term's first word is longer; a prefix needs its first letters).</summary>
    private const int MaxTermWord = 64;

    private bool TermEnabled(SpecialCategoryLexicon.Term term) => _allSpecial || IsEnabled(term.Category);

    /// <summary>The first <paramref name="buffer"/>.Length characters of <paramref name="word"/>, lower-cased (invariant) into <paramref name="buffer"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    internal static ReadOnlySpan<char> Lower(ReadOnlySpan<char> word, Span<char> buffer)
    {
        int length = Math.Min(word.Length, buffer.Length);
        for (int i = 0; i < length; i++)
        {
            // ASCII answered inline (only A-Z change); the rest as the invariant culture lower-cases it.
            char c = word[i];
            buffer[i] = c < 128 ? (char)(c | ((uint)(c - 'A') <= 'Z' - 'A' ? 0x20 : 0)) : char.ToLowerInvariant(c);
        }

        return buffer.Slice(0, length);
    }

    /// <summary>
    /// One hit per category and word: where entries of several languages match the same word ("biometriske" is
    /// "biometrisk*" and "biometri*"), the strongest counts once, so one word never passes for two distinct terms.
    /// </summary>
    /// <returns>The index of the hit that stands for the term.</returns>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static int AddHit(List<(string Category, string Term, int Start, bool Weak)> hits, SpecialCategoryLexicon.Term term, int start)
    {
        for (int i = hits.Count - 1; i >= 0 && hits[i].Start == start; i--)
        {
            if (hits[i].Category == term.Category)
            {
                if (hits[i].Weak && !term.Weak)
                {
                    hits[i] = (term.Category, term.Text, start, false);
                }

                return i;
            }
        }

        hits.Add((term.Category, term.Text, start, term.Weak));
        return hits.Count - 1;
    }

    /// <summary>Scans a whole part (it answers for all its text) into <paramref name="accumulator"/>: see <see cref="ScanInto(DiscoveryAccumulator, Extraction.TextChunk, IEnumerable{int}?)"/>.</summary>
    public void ScanInto(DiscoveryAccumulator accumulator, string where, long offset, string text, IEnumerable<int>? subjectPositions = null) =>
        ScanInto(accumulator, Extraction.TextChunk.Whole(where, text, offset), subjectPositions);

    /// <summary>
    /// Scans one chunk for everything discovery weighs (identifiers, special-category terms, references to a person)
    /// into <paramref name="accumulator"/>; its identifiers count where the chunk answers for its part.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public void ScanInto(DiscoveryAccumulator accumulator, Extraction.TextChunk chunk, IEnumerable<int>? subjectPositions = null)
    {
        string text = chunk.Text;
        List<Detection> identifiers;
        t_tables = chunk.Tables is { Count: > 0 } ? (t_tableRows ??= new TableRows()).For(chunk) : null;
        try
        {
            identifiers = ScanIdentifiersIntoBuffers(text);
        }
        finally
        {
            t_tables = null;
        }

        // This thread's lists, kept from chunk to chunk (the accumulator reads them, it keeps neither).
        var terms = t_terms ??= new List<(string Category, string Term, int Start, bool Weak)>();
        terms.Clear();
        ScanSpecialCategories(text, terms);
        // The terms this chunk answers for (TextChunk): each counted once, by the chunk that reads it and its surroundings whole.
        int owned = 0;
        for (int k = 0; k < terms.Count; k++)
        {
            if (chunk.Owns(terms[k].Start))
            {
                terms[owned++] = terms[k];
            }
        }

        terms.RemoveRange(owned, terms.Count - owned);
        List<int>? people = null;
        if (terms.Count > 0)
        {
            // Only the text around the terms is read for references to a person: a term's reach, no further. Around a weak
            // term too: whether its category has a second term may be decided by another chunk of the item. Not around a term
            // whose category the item already holds about a person (anchored, for a strong term): its place changes nothing.
            people = t_people ??= new List<int>();
            people.Clear();
            int reached = 0;
            foreach (var hit in terms)
            {
                if (!accumulator.ReadsNearness(hit.Category, hit.Weak))
                {
                    continue;
                }

                int from = Math.Max(reached, hit.Start - DiscoveryAccumulator.PersonWindow);
                int to = Math.Min(text.Length, hit.Start + DiscoveryAccumulator.PersonWindow);
                if (to > from)
                {
                    ScanPersonReferences(text, from, to, people);
                    reached = to;
                }
            }
        }

        accumulator.Add(chunk.Where, chunk.Offset, identifiers, terms, subjectPositions, people, chunk.OwnedFrom, chunk.OwnedTo);
        t_windows?.Release();
    }

    /// <summary>
    /// Where <paramref name="text"/> refers to a person without an identifier, among the words that start in
    /// [<paramref name="from"/>, <paramref name="to"/>): a title (Mr, fru, dhr., mevrouw), a role (employee,
    /// medarbejder, huurder, patient ...), a personal pronoun (he, hun, hij ...), a common given name (Gary, Mette, Sanne), a possessive name (Tom's), two
    /// capitalised words that are not an organisation or a place (Jens Holm, Jan de Vries) or a short first name
    /// opening a sentence before a verb (Anna is). Read only around special-category terms (<see cref="ScanInto"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static void ScanPersonReferences(string text, int from, int to, List<int> positions)
    {
        int end = from;
        while (end > 0 && char.IsLetterOrDigit(text[end - 1]))
        {
            end--; // start at the beginning of the word the range cuts
        }

        int previousStart = -1, previousEnd = -1;
        var previousKinds = PersonWordKinds.None;
        bool previousCapital = false;
        bool sentenceStart = true;
        int sentenceFirst = -1;
        Span<char> buffer = stackalloc char[PersonWords.LongestWord];
        while (TextTokens.NextWord(text, ref end, out int start) && start < to)
        {
            // A sentence (or clause after ';' or ':') starts when only spaces and such a mark stand since the last word.
            bool opens = previousEnd < 0 ? start == 0 || text.AsSpan(Math.Max(0, start - 3), Math.Min(3, start)).IndexOfAny(".;:!?".AsSpan()) >= 0
                : text.AsSpan(previousEnd, start - previousEnd).IndexOfAny(".;:!?".AsSpan()) >= 0;
            var word = text.AsSpan(start, end - start);

            // Every person word is short: longer words are not lower-cased or looked up, nor are words whose letters fit none
            // (MayBeAny). The rest are lower-cased on the stack and looked up once for all the sets (this runs for every word
            // around every term).
            var kinds = PersonWordKinds.None;
            bool role = false;
            if (word.Length <= PersonWords.LongestWord && PersonWords.MayBeAny(word))
            {
                var lower = Lower(word, buffer);
                kinds = PersonWords.KindsOf(lower);
                role = (kinds & (PersonWordKinds.Title | PersonWordKinds.Pronoun | PersonWordKinds.NotRole)) == 0 && PersonWords.IsRole(lower, out bool plural)
                    && (!plural || ((previousKinds & PersonWordKinds.PluralDeterminer) != 0 && start - previousEnd <= 2));
                if ((kinds & PersonWordKinds.Pronoun) != 0 && (IsDanishHere(text, lower, end) || IsDutchVerb(text, lower, end)))
                {
                    kinds &= ~PersonWordKinds.Pronoun;
                }
            }

            if ((kinds & (PersonWordKinds.Title | PersonWordKinds.Pronoun)) != 0 || role)
            {
                positions.Add(start);
            }

            bool capital = word.Length >= 2 && char.IsUpper(word[0]) && char.IsLower(word[1]) && (kinds & PersonWordKinds.NotName) == 0;
            if (capital && ((kinds & PersonWordKinds.GivenName) != 0 || IsPossessive(text, start, end)))
            {
                positions.Add(start); // "Gary", "lønnen for Bo"; "Tom's", "Jens' løn"
            }

            // "Jens Holm", "Jan de Vries", "Van der Berg": capitalised words, lower-case particles between.
            if (capital && previousCapital && start - previousEnd <= 1 + MaxParticleGap(text, previousEnd, start))
            {
                positions.Add(previousStart);
            }

            // "Anna is ...", "Peter er ...": a first name opening a sentence, then a verb.
            if (sentenceFirst >= 0 && (kinds & PersonWordKinds.NameVerb) != 0 && !opens)
            {
                positions.Add(sentenceFirst);
            }

            // First names are short; a long capitalised opener is a noun ("Laboratoriet har").
            sentenceFirst = opens && capital && word.Length <= 9 && (kinds & PersonWordKinds.NotNameStart) == 0 ? start : -1;
            sentenceStart = opens;
            if (capital)
            {
                previousCapital = (kinds & PersonWordKinds.NotNameStart) == 0;
                previousStart = start;
            }
            else if ((kinds & PersonWordKinds.NameParticle) == 0)
            {
                previousCapital = false;
            }

            previousEnd = end;
            previousKinds = kinds;
        }
    }

    /// <summary>
    /// Whether the capitalised word [<paramref name="start"/>, <paramref name="end"/>) is a possessive: "Tom's", or a name
    /// ending in s, x or z with the apostrophe alone, as English, Danish and Dutch write it ("James' desk", "Jens' løn",
    /// "Niels' ziekmelding"). Not a word a quote opened before it ("the 'Sales' team").
    /// </summary>
    private static bool IsPossessive(string text, int start, int end)
    {
        if (end >= text.Length || text[end] is not ('\'' or '\u2019'))
        {
            return false;
        }

        if (end + 1 < text.Length && text[end + 1] == 's')
        {
            return end + 2 == text.Length || !char.IsLetter(text[end + 2]);
        }

        bool opened = start > 0 && text[start - 1] is '\'' or '\u2018' or '\u2019';
        return !opened && text[end - 1] is 's' or 'x' or 'z' && (end + 1 == text.Length || !char.IsLetterOrDigit(text[end + 1]));
    }

    /// <summary>
    /// Whether "her" (lower-cased <paramref name="lower"/>, ending at <paramref name="end"/>) is Danish "here", not the
    /// English pronoun: followed, after a space, by a word English never puts after "her" ("Her er information om
    /// diabetes", "kræft her i familien"). Only "her" is asked, so this runs for few words.
    /// </summary>
    private static bool IsDanishHere(string text, ReadOnlySpan<char> lower, int end) =>
        lower.SequenceEqual("her".AsSpan()) && NextWordIsAny(text, end, PersonWords.DanishAfterHere, StringComparison.Ordinal); // "her i" is Danish, "her I" English

    /// <summary>
    /// Whether "zijn" (lower-cased <paramref name="lower"/>, ending at <paramref name="end"/>) is the Dutch verb "to be", not
    /// the possessive "his": followed by a word that never follows the possessive (an article, a preposition, an adverb:
    /// "Pijnstillers zijn vanaf morgen in de aanbieding", "De medewerkers zijn er niet"). Only "zijn" is asked.
    /// </summary>
    private static bool IsDutchVerb(string text, ReadOnlySpan<char> lower, int end)
    {
        if (!lower.SequenceEqual("zijn".AsSpan()))
        {
            return false;
        }

        // The possessive always has its noun after it: "zijn" that ends the text or a clause is the verb ("... die ziek zijn.").
        int next = end;
        return !TextTokens.NextWord(text, ref next, out int nextStart)
            || text.AsSpan(end, nextStart - end).IndexOfAny(".,;:!?".AsSpan()) >= 0
            || NextWordIsAny(text, end, PersonWords.DutchAfterVerb, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the word after the one ending at <paramref name="end"/>, one space on, is one of <paramref name="words"/>.</summary>
    private static bool NextWordIsAny(string text, int end, string[] words, StringComparison comparison)
    {
        int next = end;
        if (!TextTokens.NextWord(text, ref next, out int nextStart) || nextStart != end + 1 || text[end] != ' ')
        {
            return false;
        }

        var following = text.AsSpan(nextStart, next - nextStart);
        foreach (string word in words)
        {
            if (following.Equals(word.AsSpan(), comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The characters lower-case name particles take up between two capitalised words, or 0.</summary>
    private static int MaxParticleGap(string text, int from, int to)
    {
        int gap = to - from - 1;
        return gap > 0 && gap <= 12 && text.Substring(from, to - from).Trim().Split(' ').All(p => p.Length == 0 || PersonWords.NameParticles.Contains(p)) ? gap : 0;
    }

    /// <summary>
    /// Whether the words from the one ending at <paramref name="firstEnd"/> (lower-cased <paramref name="first"/>, its
    /// first characters when the word is longer: <paramref name="firstLength"/>) spell <paramref name="term"/>, at most
    /// 3 characters apart; <paramref name="termEnd"/> is where the term's last word ends.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool Matches(string text, int firstEnd, ReadOnlySpan<char> first, int firstLength, SpecialCategoryLexicon.Term term, out int termEnd)
    {
        Span<char> buffer = stackalloc char[MaxTermWord];
        int previousEnd = firstEnd;
        termEnd = firstEnd;
        for (int w = 0; w < term.Words.Length; w++)
        {
            scoped ReadOnlySpan<char> token = first;
            int length = firstLength;
            if (w > 0)
            {
                int end = previousEnd;
                if (!TextTokens.NextWord(text, ref end, out int start) || start - previousEnd > 3)
                {
                    return false;
                }

                previousEnd = end;
                length = end - start;
                token = Lower(text.AsSpan(start, length), buffer);
            }

            // A word longer than the buffer is only ever the prefix of a term word no longer than the buffer.
            var word = term.Words[w].AsSpan();
            bool last = w == term.Words.Length - 1;
            if (!(last && term.Prefix ? word.Length <= token.Length && token.StartsWith(word) : length == word.Length && token.SequenceEqual(word))
                && !(last && length <= MaxTermWord && term.HasForm(token, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        termEnd = previousEnd;
        return true;
    }
}
