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
            TermContexts.Apply(text, hits, firstHit);
        }
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
            // Overlapping reaches are read as one passage, so whether it speaks to its reader is weighed over all of it.
            int reached = 0, passageFrom = -1;
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
                    if (passageFrom >= 0 && from > reached)
                    {
                        ScanPersonReferences(text, passageFrom, reached, people);
                        passageFrom = -1;
                    }

                    passageFrom = passageFrom < 0 ? from : passageFrom;
                    reached = to;
                }
            }

            if (passageFrom >= 0)
            {
                ScanPersonReferences(text, passageFrom, reached, people);
            }

            // A strong term in title case is a heading or the name of a thing, not a person's: a phrase ("Criminal Record
            // Check", "Verklaring Omtrent het Gedrag"; not "Vakbondslid Yusuf", a word and a name), or a capitalised word
            // inside a sentence with the capitalised words around it ("the Employee Biometric Consent option", "a Biometric
            // Template", "Klinisk Genetisk Klinik").
            if (people.Count > 0)
            {
                foreach (var hit in terms)
                {
                    if (hit.Weak || !char.IsUpper(text[hit.Start]))
                    {
                        continue;
                    }

                    if (hit.Term.IndexOf(' ') > 0 && IsTitleCasePhrase(text, hit.Start))
                    {
                        people.RemoveAll(p => p == hit.Start);
                    }
                    else if (hit.Start + 1 < text.Length && char.IsLower(text[hit.Start + 1]) && !OpensSentence(text, hit.Start))
                    {
                        // (Not an abbreviation, "Her GP", whose capitals say nothing of a heading.)
                        var (from, to) = CapitalisedRun(text, hit.Start);
                        people.RemoveAll(p => p >= from && p < to);
                    }
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
        int sentenceFirst = -1;
        int sinceIndefinite = int.MaxValue;
        int capitalRun = 0, runFrom = 0;
        bool titleCase = false;
        int previousWordStart = -1;
        int firstOwn = positions.Count, addressed = 0;
        bool conditional = false;
        var pronounsAndRoles = t_pronounsAndRoles ??= new List<int>();
        pronounsAndRoles.Clear();
        Span<char> buffer = stackalloc char[PersonWords.LongestWord];
        while (TextTokens.NextWord(text, ref end, out int start) && start < to)
        {
            sinceIndefinite = sinceIndefinite == int.MaxValue ? sinceIndefinite : sinceIndefinite + 1;
            // A sentence (or clause after ';' or ':') starts when only spaces and such a mark stand since the last word.
            bool opens = previousEnd < 0 ? start == 0 || text.AsSpan(Math.Max(0, start - 3), Math.Min(3, start)).IndexOfAny(".;:!?".AsSpan()) >= 0
                : text.AsSpan(previousEnd, start - previousEnd).IndexOfAny(".;:!?".AsSpan()) >= 0;
            var word = text.AsSpan(start, end - start);
            conditional &= !opens;

            // Every person word is short: longer words are not lower-cased or looked up, nor are words whose letters fit none
            // (MayBeAny). The rest are lower-cased on the stack and looked up once for all the sets (this runs for every word
            // around every term).
            var kinds = PersonWordKinds.None;
            bool role = false;
            if (word.Length <= PersonWords.LongestWord && PersonWords.MayBeAny(word))
            {
                var lower = Lower(word, buffer);
                kinds = PersonWords.KindsOf(lower);
                // A role one or two words after "a", "en", "een", "every" or "your" is no one in particular ("an employee who", "een
                // zieke werknemer", "your employee").
                role = (kinds & (PersonWordKinds.Title | PersonWordKinds.Pronoun | PersonWordKinds.NotRole)) == 0 && sinceIndefinite > 2 && PersonWords.IsRole(lower, out bool plural)
                    && (!plural || ((previousKinds & PersonWordKinds.PluralDeterminer) != 0 && start - previousEnd <= 2));
                if ((kinds & PersonWordKinds.Pronoun) != 0 && (IsDanishHere(text, lower, end) || IsDutchVerb(text, lower, end)))
                {
                    kinds &= ~PersonWordKinds.Pronoun;
                }
            }

            bool capital = word.Length >= 2 && char.IsUpper(word[0]) && char.IsLower(word[1]) && (kinds & PersonWordKinds.NotName) == 0;
            if (capital && !(previousCapital && IsNameGap(text, previousEnd, start)))
            {
                capitalRun = 1;
                runFrom = positions.Count; // a run of capitalised words starts here (its first word may be a given name or a role)
            }

            // A title in capitals is an abbreviation ("HR" is human resources, "DR" a broadcaster, "MS" a disease), and a role
            // joined to the word before by a hyphen is part of a compound ("in-patient care").
            if ((kinds & PersonWordKinds.Title) != 0 && word.Length >= 2 && char.IsUpper(word[1]))
            {
                kinds &= ~PersonWordKinds.Title;
            }

            if (role && start >= 2 && text[start - 1] == '-' && char.IsLetter(text[start - 2]))
            {
                role = false;
            }

            // "he/she", "hij/zij", "he or she", "han eller hun": anyone.
            if ((kinds & PersonWordKinds.Pronoun) != 0 && IsEitherPronoun(text, start, end))
            {
                kinds &= ~PersonWordKinds.Pronoun;
            }

            addressed += (kinds & PersonWordKinds.SecondPerson) != 0 ? 1 : 0;
            // Roles and pronouns after a condition opens, to the end of its sentence, are anyone ("If the employee has a smartphone,
            // they can punch in", "Indien de werknemer ziek is").
            if (conditional && ((kinds & PersonWordKinds.Pronoun) != 0 || role))
            {
                kinds &= ~PersonWordKinds.Pronoun;
                role = false;
            }

            conditional |= (kinds & PersonWordKinds.Conditional) != 0;
            if ((kinds & PersonWordKinds.Pronoun) != 0 || role)
            {
                pronounsAndRoles.Add(start);
            }

            if ((kinds & (PersonWordKinds.Title | PersonWordKinds.Pronoun)) != 0 || role)
            {
                positions.Add(start);
                if ((kinds & PersonWordKinds.Title) != 0)
                {
                    // A title stays whatever the capitalised words after it turn out to be, and is not one of them.
                    capitalRun = 0;
                    runFrom = positions.Count;
                }
            }

            if (capital && ((kinds & PersonWordKinds.GivenName) != 0 || IsPossessive(text, start, end)))
            {
                positions.Add(start); // "Gary", "lønnen for Bo"; "Tom's", "Jens' løn"
            }

            // "Jens Holm", "Jan de Vries", "Van der Berg": capitalised words, lower-case particles between, on one line. A run of five
            // or more, or one that ends with the word of an organisation, a team or a law, is a heading or a name of something
            // ("Family Medical Leave Act", "Job Accommodation Network"): what it added is taken back.
            bool joined = previousCapital && IsNameGap(text, previousEnd, start);

            // A heading in title case: a capitalised opener of a sentence ("For", "To", "At", "Og") that does not open one, right
            // after a capitalised word ("How To Ask For Sick Leave"). No name is read in it until a word in lower case.
            bool upper = word.Length >= 2 && char.IsUpper(word[0]);
            if (upper && !opens && (kinds & PersonWordKinds.NotNameStart) != 0 && (kinds & PersonWordKinds.NameParticle) == 0
                && previousWordStart >= 0 && char.IsUpper(text[previousWordStart]) && IsNameGap(text, previousEnd, start))
            {
                titleCase = true;
                positions.RemoveRange(runFrom, positions.Count - runFrom);
            }
            else if (!upper && (kinds & PersonWordKinds.NameParticle) == 0)
            {
                titleCase = false;
            }

            if (titleCase)
            {
                joined = false;
                capitalRun = 0;
                runFrom = positions.Count;
            }

            if (capital && joined)
            {
                capitalRun++;
                if (capitalRun == 2)
                {
                    positions.Add(previousStart);
                }
                else if (capitalRun >= 5)
                {
                    positions.RemoveRange(runFrom, positions.Count - runFrom);
                }
            }
            else if (joined && upper && (kinds & PersonWordKinds.OrganisationEnd) != 0)
            {
                positions.RemoveRange(runFrom, positions.Count - runFrom);
                capitalRun = 0;
            }

            // "Anna is ...", "Peter er ...": a first name opening a sentence, then a verb.
            if (sentenceFirst >= 0 && (kinds & PersonWordKinds.NameVerb) != 0 && !opens)
            {
                positions.Add(sentenceFirst);
            }

            // First names are short; a long capitalised opener is a noun ("Laboratoriet har").
            sentenceFirst = opens && capital && word.Length <= 9 && (kinds & PersonWordKinds.NotNameStart) == 0 ? start : -1;
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
            previousWordStart = start;
            previousKinds = kinds;
            if ((kinds & PersonWordKinds.IndefiniteDeterminer) != 0)
            {
                sinceIndefinite = 0;
            }
        }

        // A passage that speaks to its reader (twice or more, and no less than it names a third person) is a guide or a
        // leaflet: its pronouns and roles are anyone.
        if (addressed >= 2 && addressed >= pronounsAndRoles.Count && pronounsAndRoles.Count > 0)
        {
            int kept = firstOwn;
            for (int k = firstOwn; k < positions.Count; k++)
            {
                if (!pronounsAndRoles.Contains(positions[k]))
                {
                    positions[kept++] = positions[k];
                }
            }

            positions.RemoveRange(kept, positions.Count - kept);
        }
    }

    [ThreadStatic]
    private static List<int>? t_pronounsAndRoles;

    /// <summary>Whether the word at <paramref name="start"/> opens the text, a line or a sentence (only spaces after ". ", "! ", "? ", ": ").</summary>
    private static bool OpensSentence(string text, int start)
    {
        int i = start;
        while (i > 0 && text[i - 1] is ' ' or '\t' or '\u00A0' or '"' or '\'' or '(' or '\u201C' or '\u00BB')
        {
            i--;
        }

        return i == 0 || text[i - 1] is '.' or '!' or '?' or ':' or '\n' or '\r';
    }

    /// <summary>The capitalised words, one space apart, around the word at <paramref name="start"/>: [from, to).</summary>
    private static (int From, int To) CapitalisedRun(string text, int start)
    {
        int from = start;
        while (AdjacentWords.Before(text, from, out int wordStart, out int wordEnd) && wordEnd == from - 1 && text[wordEnd] == ' ' && char.IsUpper(text[wordStart]))
        {
            from = wordStart;
        }

        int to = AdjacentWords.End(text, start);
        while (AdjacentWords.After(text, to, out int wordStart, out int wordEnd) && wordStart == to + 1 && text[to] == ' ' && char.IsUpper(text[wordStart]))
        {
            to = wordEnd;
        }

        return (from, to);
    }

    /// <summary>Whether the word at <paramref name="start"/> and the next, one space on, both start with a capital.</summary>
    private static bool IsTitleCasePhrase(string text, int start) =>
        char.IsUpper(text[start]) && AdjacentWords.After(text, AdjacentWords.End(text, start), out int next, out _) && char.IsUpper(text[next]);

    /// <summary>
    /// Whether the pronoun [<paramref name="start"/>, <paramref name="end"/>) is one of two joined by a slash or by "or",
    /// "eller", "of" ("he/she", "hij/zij", "he or she", "han eller hun", "zijn of haar"): a rule for anyone, not a person.
    /// </summary>
    private static bool IsEitherPronoun(string text, int start, int end)
    {
        if ((end < text.Length - 1 && text[end] == '/' && char.IsLetter(text[end + 1])) || (start > 1 && text[start - 1] == '/' && char.IsLetter(text[start - 2])))
        {
            return true;
        }

        // Forward: "he or she"; backward: "or she" after "he".
        return (AdjacentWords.After(text, end, out int orStart, out int orEnd) && IsEitherWord(text.AsSpan(orStart, orEnd - orStart))
                && AdjacentWords.After(text, orEnd, out int otherStart, out int otherEnd) && IsPronoun(text.AsSpan(otherStart, otherEnd - otherStart)))
            || (AdjacentWords.Before(text, start, out orStart, out orEnd) && IsEitherWord(text.AsSpan(orStart, orEnd - orStart))
                && AdjacentWords.Before(text, orStart, out otherStart, out otherEnd) && IsPronoun(text.AsSpan(otherStart, otherEnd - otherStart)));
    }

    private static bool IsEitherWord(ReadOnlySpan<char> word) =>
        word.Equals("or".AsSpan(), StringComparison.OrdinalIgnoreCase) || word.Equals("eller".AsSpan(), StringComparison.OrdinalIgnoreCase)
        || word.Equals("of".AsSpan(), StringComparison.OrdinalIgnoreCase);

    private static bool IsPronoun(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[PersonWords.LongestWord];
        return word.Length <= PersonWords.LongestWord && (PersonWords.KindsOf(Lower(word, lower)) & PersonWordKinds.Pronoun) != 0;
    }

    /// <summary>
    /// Whether what stands between two capitalised words joins them into one name: a space or a hyphen ("Jens Holm",
    /// "Anne-Marie"), or lower-case name particles between spaces ("Jan de Vries"). Not a line break (a heading above a
    /// sentence), a slash or a comma.
    /// </summary>
    private static bool IsNameGap(string text, int from, int to)
    {
        if (from < 0 || to - from < 1)
        {
            return false;
        }

        if (to - from == 1)
        {
            return text[from] is ' ' or '\u00A0' or '-';
        }

        if (to - from > 13 || text[from] != ' ' || text[to - 1] != ' ')
        {
            return false;
        }

        foreach (string part in text.Substring(from + 1, to - from - 2).Split(' '))
        {
            if (!PersonWords.NameParticles.Contains(part))
            {
                return false;
            }
        }

        return true;
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
        if (lower.SequenceEqual("ze".AsSpan()))
        {
            // "ze" is "she" before a verb in the singular ("Ze heeft een depressie") and "they" before one in the plural ("Ze
            // zijn niet bereikbaar", "ze hebben"): the plural is no one in particular.
            // A Dutch verb in the plural ends in "-en" ("ze bidden", "ze werken"); the singular does not ("ze heeft", "ze werkt").
            return NextWordIsAny(text, end, PersonWords.DutchPluralVerbs, StringComparison.OrdinalIgnoreCase)
                || (AdjacentWords.After(text, end, out int verbStart, out int verbEnd) && verbEnd - verbStart >= 4
                    && text.AsSpan(verbEnd - 2, 2).Equals("en".AsSpan(), StringComparison.Ordinal));
        }

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
