using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace GdprOps.Detection.Discovery;

/// <summary>Looks up lexicon terms by the first word of a token: exact words directly, prefixes by their first three letters.</summary>
internal static class SpecialTermIndex
{
    // The first two or three letters of every term's first word.
    private static readonly HashSet<long> FirstThree = new();

    // The words of two or three ASCII letters that can start a term, as a table: [length 2 or 3][a-z][a-z][a-z]. A short
    // word starts a term only as the whole first word of one ("on licence", "de unie", "sex life") or by beginning with a
    // one-word prefix term of its length or shorter ("dna*"): "the", "and", "het", "har" start none, though terms start with
    // their letters ("theft", "andere man"), and they are among the commonest words of English, Danish and Dutch.
    private static readonly bool[] AsciiShortWords = new bool[2 * 26 * 26 * 26];

    // For a word of two or three ASCII letters that starts only phrases ("is ziek", "er på hospitalet", "was in prison for"):
    // one bit per ASCII letter a phrase's second word can start with, so the commonest words of the three languages ("is",
    // "er", "was", "has") are passed over unless the next word can continue a phrase. 0: no such gate (the word is a term,
    // a form of one, begins a one-word prefix term, or a second word starts with a letter outside ASCII).
    private static readonly uint[] AsciiShortPhraseNext = new uint[2 * 26 * 26 * 26];

    // Words of four letters or more are let through on their first four letters (terms of four or more letters), or on
    // their first three for the few prefix terms of three letters ("dna*"): most words of a text stop here. As bits: the
    // four-letter table is 57 KB (as bools it was 457 KB, and its lookup was a tenth of the Article 9 pass in a profile,
    // waiting on the memory), and the first three letters of both kinds of entry are a 2 KB table, asked first, that stays
    // in the first-level cache: a word whose first three letters start no entry is passed over there.
    private static readonly ulong[] AsciiFirstFourBits = new ulong[((26 * 26 * 26 * 26) + 63) / 64];
    private static readonly ulong[] AsciiHeadBits = new ulong[((26 * 26 * 26) + 63) / 64];
    private static readonly ulong[] AsciiShortPrefixHeadBits = new ulong[((26 * 26 * 26) + 63) / 64];

    // The first five ASCII letters of every first word (and form) of five letters or more, hashed into 65,536 bits (8 KB, in
    // the first-level cache): a word whose first four letters a term shares ("bestilling" for "bestraling") is turned away by
    // its fifth before it is lower-cased and looked up. A whole first word (not a prefix) is marked with its length as well,
    // so "customer" does not ask for "custodial sentence". A first word that is a prefix of four letters (FourPrefixBits)
    // lets every longer word of its four through.
    private static readonly ulong[] AsciiPrefixFiveHashBits = new ulong[65536 / 64];
    private static readonly ulong[] AsciiWholeFiveHashBits = new ulong[65536 / 64];
    private static readonly ulong[] AsciiFourPrefixBits = new ulong[((26 * 26 * 26 * 26) + 63) / 64];
    private static readonly HashSet<long> FirstFour = new();
    private static readonly HashSet<long> ShortPrefixHeads = new();

    // The first three letters of the stems matched inside a word ("*sygemeld*" in "langtidssygemeldt"): ASCII ones as one bit
    // per [a-z][a-z][a-z], the rest in the set.
    private static readonly ulong[] AsciiInfixHeadBits = new ulong[((26 * 26 * 26) + 63) / 64];
    private static readonly HashSet<long> InfixHeads = new();

    // Past those three letters, the fourth: the ASCII stems' first four letters as one bit per [a-z]^4 (57 KB, asked only where
    // the first three matched: Danish and Dutch spell "ver", "gen", "til", "aan" inside half their long words), and the heads
    // of three ASCII letters whose stem goes on outside ASCII, which the fourth letter does not decide.
    private static readonly ulong[] AsciiInfixFourBits = new ulong[((26 * 26 * 26 * 26) + 63) / 64];
    private static readonly ulong[] AsciiInfixAnyFourthBits = new ulong[((26 * 26 * 26) + 63) / 64];

    // Terms by their first word (exact), by the first three letters of a one-word prefix term, and infix stems by their first
    // three letters: looked up by the characters of a word.
    private static readonly SpanKeyedMap<SpecialCategoryLexicon.Term[]> ExactBySpan;
    private static readonly SpanKeyedMap<SpecialCategoryLexicon.Term[]> ByPrefix3BySpan;
    private static readonly SpanKeyedMap<SpecialCategoryLexicon.Term[]> InfixBySpan;

    /// <summary>The shortest word an infix stem can sit inside (past its start).</summary>
    public static readonly int MinInfixWord;

    /// <summary>The shortest infix stem: a stem starting closer than this to a word's end cannot be spelt there.</summary>
    private static readonly int MinInfixStem;

    // The letters that are a term's whole first word on their own ("a" of "a-kasse").
    private static readonly bool[] AsciiSingleLetters = new bool[26];

    // Terms written with digits ("d66", "3f", "23andme"): words are runs of letters, so these are looked up as the whole run
    // of letters and digits around a word that touches a digit.
    private static readonly SpanKeyedMap<SpecialCategoryLexicon.Term[]> AlphanumericBySpan;

    /// <summary>The longest term written with digits, or 0 when there is none.</summary>
    public static readonly int LongestAlphanumeric;

    // One bit per ASCII letter that starts a run of letters in a term written with digits ('d' of "d66", 'a' of "23andme"):
    // a log's "T" and "Z" between digits are passed over at once.
    private static readonly uint AlphanumericRunStarts;

    static SpecialTermIndex()
    {
        var exact = new Dictionary<string, List<SpecialCategoryLexicon.Term>>(StringComparer.Ordinal);
        var byPrefix3 = new Dictionary<string, List<SpecialCategoryLexicon.Term>>(StringComparer.Ordinal);
        var infixByHead = new Dictionary<string, List<SpecialCategoryLexicon.Term>>(StringComparer.Ordinal);
        var alphanumeric = new Dictionary<string, List<SpecialCategoryLexicon.Term>>(StringComparer.Ordinal);
        foreach (var term in SpecialCategoryLexicon.All)
        {
            string first = term.Words[0];
            if (first.Any(char.IsDigit))
            {
                // One word of letters and digits, matched whole (the lexicon's tests hold every such term to that).
                if (!alphanumeric.TryGetValue(first, out var same))
                {
                    alphanumeric[first] = same = new List<SpecialCategoryLexicon.Term>();
                }

                same.Add(term);
                LongestAlphanumeric = Math.Max(LongestAlphanumeric, first.Length);
                for (int i = 0; i < first.Length; i++)
                {
                    if (!char.IsDigit(first[i]) && (i == 0 || char.IsDigit(first[i - 1])) && AsciiLetter(first[i]) is int runStart and >= 0)
                    {
                        AlphanumericRunStarts |= 1u << runStart;
                    }
                }

                continue;
            }

            if (first.Length == 1 && AsciiLetter(first[0]) is int single and >= 0)
            {
                AsciiSingleLetters[single] = true;
            }

            bool firstIsPrefix = term.Prefix && term.Words.Length == 1;
            // A one-word term is also looked up by each of its inflected forms ("kræften" finds "kræft").
            foreach (string word in term.Words.Length == 1 ? term.Forms.Prepend(first) : new[] { first })
            {
                IndexFirstWord(word, term, firstIsPrefix, firstIsPrefix ? byPrefix3 : exact);
            }

            if (term.Infix && first.Length >= 3)
            {
                string head = first.Substring(0, 3);
                if (!infixByHead.TryGetValue(head, out var infixes))
                {
                    infixByHead[head] = infixes = new List<SpecialCategoryLexicon.Term>();
                }

                infixes.Add(term);
                InfixHeads.Add(Key(head.AsSpan()));
                if (AsciiIndex(head.AsSpan()) is int infixSlot and >= 0)
                {
                    infixSlot -= ThreeLetterSlots;
                    AsciiInfixHeadBits[infixSlot >> 6] |= 1UL << infixSlot;
                    if (first.Length >= 4 && AsciiLetter(first[3]) is int fourth and >= 0)
                    {
                        int four = (infixSlot * 26) + fourth;
                        AsciiInfixFourBits[four >> 6] |= 1UL << four;
                    }
                    else
                    {
                        AsciiInfixAnyFourthBits[infixSlot >> 6] |= 1UL << infixSlot;
                    }
                }

                // A compound's first element has three letters or more ("kørestol" in "elkørestol" is not a compound head).
                MinInfixWord = MinInfixWord == 0 ? first.Length + 3 : Math.Min(MinInfixWord, first.Length + 3);
                MinInfixStem = MinInfixStem == 0 ? first.Length : Math.Min(MinInfixStem, first.Length);
            }
        }

        GatePhraseOnlyShortWords(exact, byPrefix3);
        ExactBySpan = ByCharacters(exact);
        ByPrefix3BySpan = ByCharacters(byPrefix3);
        InfixBySpan = ByCharacters(infixByHead);
        AlphanumericBySpan = ByCharacters(alphanumeric);
    }

    /// <summary>Fills <see cref="AsciiShortPhraseNext"/> for the short first words under which only phrases are filed.</summary>
    private static void GatePhraseOnlyShortWords(Dictionary<string, List<SpecialCategoryLexicon.Term>> exact, Dictionary<string, List<SpecialCategoryLexicon.Term>> byPrefix3)
    {
        var prefixes = byPrefix3.Values.SelectMany(list => list).Select(term => term.Words[0]).ToList();
        foreach (var entry in exact)
        {
            string word = entry.Key;
            if (AsciiIndex(word.AsSpan()) is not (int slot and >= 0) || prefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            uint next = 0;
            foreach (var term in entry.Value)
            {
                int letter = term.Words.Length > 1 && term.Words[0] == word ? AsciiLetter(term.Words[1][0]) : -1;
                if (letter < 0)
                {
                    next = 0; // the word is a term or a form of one, or a second word's first letter is not ASCII
                    break;
                }

                next |= 1u << letter;
            }

            AsciiShortPhraseNext[slot] = next;
        }
    }

    /// <summary>
    /// Whether the word [<paramref name="start"/>, <paramref name="end"/>) can start a term given the word after it: false
    /// only for a short word that starts phrases alone when the next word starts with none of their second words' letters.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static bool NextWordMayContinue(string text, int start, int end)
    {
        if (end - start is < 2 or > 3 || AsciiIndex(text.AsSpan(start, end - start)) is not (int slot and >= 0) || AsciiShortPhraseNext[slot] is not (uint next and > 0))
        {
            return true;
        }

        // The next word's first letter, past whatever separates the words (a space, a line break, a hyphen: "ex-offender").
        // At the chunk's end the phrase is read by the next chunk (they overlap), so this one lets it through.
        int i = end;
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i == text.Length || AsciiLetter(text[i]) is not (int letter and >= 0) || (next & (1u << letter)) != 0;
    }

    /// <summary>Files <paramref name="term"/> under its first word (or the first three letters of a one-word prefix) and marks that word's letters in the quick tables.</summary>
    private static void IndexFirstWord(string first, SpecialCategoryLexicon.Term term, bool firstIsPrefix, Dictionary<string, List<SpecialCategoryLexicon.Term>> index)
    {
        string key = firstIsPrefix ? first.Substring(0, Math.Min(3, first.Length)) : first;
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<SpecialCategoryLexicon.Term>();
        }

        list.Add(term);
        if (first.Length >= 4)
        {
            var four = first.AsSpan(0, 4);
            FirstFour.Add(Key(four));
            if (AsciiIndex4(four) is int four4 and >= 0)
            {
                SetBit(AsciiFirstFourBits, four4);
                SetBit(AsciiHeadBits, four4 / 26);
                if (first.Length == 4 && firstIsPrefix)
                {
                    SetBit(AsciiFourPrefixBits, four4);
                }
                else if (first.Length >= 5 && AsciiLetter(first[4]) is int fifth and >= 0)
                {
                    if (firstIsPrefix)
                    {
                        SetBit(AsciiPrefixFiveHashBits, FiveHash(four4, fifth, 0));
                    }
                    else
                    {
                        SetBit(AsciiWholeFiveHashBits, FiveHash(four4, fifth, first.Length));
                    }
                }
            }
        }
        else if (firstIsPrefix)
        {
            ShortPrefixHeads.Add(Key(first.AsSpan()));
            // Only a head of three letters is asked of a word of four or more (a shorter one is the short-word tables' job).
            if (first.Length == 3 && AsciiIndex(first.AsSpan()) is int shortSlot and >= 0)
            {
                SetBit(AsciiShortPrefixHeadBits, shortSlot - (26 * 26 * 26));
                SetBit(AsciiHeadBits, shortSlot - (26 * 26 * 26));
            }
        }

        FirstThree.Add(Key(first.AsSpan(0, Math.Min(3, first.Length))));
        MarkShortWords(first, firstIsPrefix);
    }

    /// <summary>Whether a word starting with <paramref name="c"/> can be a run of letters in a term written with digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MayBeInAlphanumeric(char c) => AsciiLetter(c) is int letter and >= 0 ? (AlphanumericRunStarts & (1u << letter)) != 0 : LongestAlphanumeric > 0;

    /// <summary>The terms written with digits that the lower-case run of letters and digits <paramref name="word"/> is, or null.</summary>
    public static SpecialCategoryLexicon.Term[]? Alphanumeric(ReadOnlySpan<char> word) => AlphanumericBySpan.Get(word);

    /// <summary>
    /// Infix terms found inside <paramref name="word"/> after a first element of three letters or more (the start is the prefix index's job):
    /// one bit looked up per position (the stems' heads of three ASCII letters are a 2 KB bit table: it stays in the first-level
    /// cache, where a table of bools did not), a comparison only where a stem can start.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static void InfixMatches(ReadOnlySpan<char> word, List<SpecialCategoryLexicon.Term> found)
    {
        int n = word.Length;
        if (MinInfixWord == 0 || n < MinInfixWord)
        {
            return;
        }

        var heads = AsciiInfixHeadBits;
        ref char w = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(word);
        // The three letters at each position as a rolling table slot (each letter read once); a letter outside ASCII makes it -1.
        // A stem is spelt whole where it stands, so the last positions, where the shortest stem no longer fits, are not read.
        int a = AsciiLetter(Unsafe.Add(ref w, 3)), b = AsciiLetter(Unsafe.Add(ref w, 4));
        for (int at = 3; at + MinInfixStem <= n; at++)
        {
            int c = AsciiLetter(Unsafe.Add(ref w, at + 2));
            int slot = (((a * 26) + b) * 26) + c;
            bool ascii = (a | b | c) >= 0;
            a = b;
            b = c;
            if (ascii ? (heads[slot >> 6] & (1UL << slot)) == 0 || !MayGoOn(slot, at + 3 < n ? Unsafe.Add(ref w, at + 3) : '\0') : !InfixHeads.Contains(Key(word.Slice(at, 3))))
            {
                continue;
            }

            AddInfixTerms(word, at, found);
        }
    }

    /// <summary>Whether a stem whose first three letters are the ASCII <paramref name="head"/> can go on with <paramref name="fourth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayGoOn(int head, char fourth)
    {
        if ((AsciiInfixAnyFourthBits[head >> 6] & (1UL << head)) != 0 || AsciiLetter(fourth) is not (int letter and >= 0))
        {
            // A stem going on outside ASCII, or a fourth letter outside ASCII (which OrdinalIgnoreCase may fold): compared whole.
            return true;
        }

        int four = (head * 26) + letter;
        return (AsciiInfixFourBits[four >> 6] & (1UL << four)) != 0;
    }

    /// <summary>Adds the infix terms that <paramref name="word"/> spells at <paramref name="at"/>, where a stem's first three letters stand (rare: out of the loop).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddInfixTerms(ReadOnlySpan<char> word, int at, List<SpecialCategoryLexicon.Term> found)
    {
        Span<char> head = stackalloc char[3];
        for (int i = 0; i < 3; i++)
        {
            head[i] = char.ToLowerInvariant(word[at + i]);
        }

        if (InfixBySpan.Get(head) is not { } terms)
        {
            return;
        }

        var rest = word.Slice(at);
        foreach (var term in terms)
        {
            // A stem (Prefix) may be followed by anything; a compound ending ("*kræft") only by nothing or one of its forms.
            var stem = term.Words[0].AsSpan();
            if (rest.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
                && (term.Prefix || rest.Equals(stem, StringComparison.OrdinalIgnoreCase) || term.HasForm(rest, StringComparison.OrdinalIgnoreCase))
                && !found.Contains(term))
            {
                found.Add(term);
            }
        }
    }

    /// <summary>Whether a token can start any term, from its first letters, without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MayStartTerm(ReadOnlySpan<char> token)
    {
        if (token.Length >= 4)
        {
            int slot = AsciiIndex4(token);
            if (slot < 0)
            {
                return MayStartTermSlow(token);
            }

            int head = slot / 26;
            if ((AsciiHeadBits[head >> 6] & (1UL << head)) == 0)
            {
                return false;
            }

            if ((AsciiShortPrefixHeadBits[head >> 6] & (1UL << head)) != 0)
            {
                return true;
            }

            if ((AsciiFirstFourBits[slot >> 6] & (1UL << slot)) == 0)
            {
                return false;
            }

            // Five letters or more: the fifth must go on as some first word does, of the same length unless that is a prefix (a
            // letter outside ASCII is let through).
            if (token.Length == 4 || (AsciiFourPrefixBits[slot >> 6] & (1UL << slot)) != 0 || AsciiLetter(token[4]) is not (int fifth and >= 0))
            {
                return true;
            }

            int prefix = FiveHash(slot, fifth, 0), whole = FiveHash(slot, fifth, token.Length);
            return (AsciiPrefixFiveHashBits[prefix >> 6] & (1UL << prefix)) != 0 || (AsciiWholeFiveHashBits[whole >> 6] & (1UL << whole)) != 0;
        }

        return token.Length >= 2 ? MayStartShortTerm(token) : token.Length == 1 && MayStartSingleLetter(token);
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool MayStartSingleLetter(ReadOnlySpan<char> token) =>
        AsciiLetter(token[0]) is int letter and >= 0 ? AsciiSingleLetters[letter] : FirstThree.Contains(Key(token));

    private static bool MayStartTermSlow(ReadOnlySpan<char> token) =>
        FirstFour.Contains(Key(token.Slice(0, 4))) || (ShortPrefixHeads.Count > 0 && ShortPrefixHeads.Contains(Key(token.Slice(0, 3))));

    /// <summary>Whether a word of two or three letters can start a term (a superset, for letters outside ASCII).</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool MayStartShortTerm(ReadOnlySpan<char> token)
    {
        int index = AsciiIndex(token);
        return index >= 0 ? AsciiShortWords[index] : FirstThree.Contains(Key(token));
    }

    /// <summary>
    /// Marks the words of two or three ASCII letters a term can start with: its first word when that has two or three
    /// letters and must be whole, or every such word that begins with a one-word prefix term of that length or shorter.
    /// </summary>
    private static void MarkShortWords(string first, bool firstIsPrefix)
    {
        // Words of other letters are asked of FirstThree, which holds every term's first letters.
        if (first.Length is 0 or > 3 || first.Any(c => AsciiLetter(c) < 0))
        {
            return;
        }

        if (!firstIsPrefix)
        {
            if (first.Length >= 2)
            {
                AsciiShortWords[AsciiIndex(first.AsSpan())] = true;
            }

            return;
        }

        Span<char> word = stackalloc char[3];
        for (int length = Math.Max(2, first.Length); length <= 3; length++)
        {
            // Every word of this length that starts with the prefix: the prefix, then any letters.
            int free = length - first.Length;
            int count = free == 0 ? 1 : free == 1 ? 26 : 26 * 26;
            for (int n = 0; n < count; n++)
            {
                first.AsSpan().CopyTo(word);
                for (int k = 0, rest = n; k < free; k++, rest /= 26)
                {
                    word[first.Length + k] = (char)('a' + (rest % 26));
                }

                AsciiShortWords[AsciiIndex(word.Slice(0, length))] = true;
            }
        }
    }

    /// <summary>Where the slots of three letters start in the tables of <see cref="AsciiIndex"/> (after those of two).</summary>
    private const int ThreeLetterSlots = 26 * 26 * 26;

    /// <summary>0 to 25 for an ASCII letter (any case), else -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AsciiLetter(char c)
    {
        int letter = (c | 0x20) - 'a';
        return c < 128 && (uint)letter <= 25 ? letter : -1;
    }

    /// <summary>The table slot of two or three ASCII letters (any case), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AsciiIndex(ReadOnlySpan<char> letters)
    {
        int index = letters.Length - 2;
        if (index is < 0 or > 1)
        {
            return -1;
        }

        for (int i = 0; i < 3; i++)
        {
            int letter = 0;
            if (i < letters.Length)
            {
                letter = (letters[i] | 0x20) - 'a';
                if (letters[i] >= 128 || (uint)letter > 25)
                {
                    return -1;
                }
            }

            index = (index * 26) + letter;
        }

        return index;
    }

    /// <summary>The table slot of the first four characters when they are ASCII letters (any case), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AsciiIndex4(ReadOnlySpan<char> letters)
    {
        int a = (letters[0] | 0x20) - 'a', b = (letters[1] | 0x20) - 'a', c = (letters[2] | 0x20) - 'a', d = (letters[3] | 0x20) - 'a';
        bool ascii = (letters[0] | letters[1] | letters[2] | letters[3]) < 128;
        return ascii && (uint)a <= 25 && (uint)b <= 25 && (uint)c <= 25 && (uint)d <= 25 ? (((((a * 26) + b) * 26) + c) * 26) + d : -1;
    }

    private static void SetBit(ulong[] bits, int slot) => bits[slot >> 6] |= 1UL << slot;

    /// <summary>The bit of the first five letters (the four's slot and the fifth letter) and a whole word's length (0 for a prefix) in the five-letter tables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FiveHash(int fourSlot, int fifth, int length) => (int)((((uint)((fourSlot * 26) + fifth) * 32u) + (uint)Math.Min(length, 31)) * 2654435761u >> 16);

    private static long Key(ReadOnlySpan<char> letters)
    {
        long key = letters.Length;
        foreach (char c in letters)
        {
            key = (key << 16) | char.ToLowerInvariant(c);
        }

        return key;
    }

    /// <summary>
    /// The terms whose first word is the lower-case <paramref name="token"/> (<paramref name="exact"/>, only when the
    /// token is the <paramref name="whole"/> word) or, for one-word prefix terms, starts like it (<paramref name="prefixed"/>,
    /// by the first three letters); false when there are none. Looked up by the characters themselves: nothing is allocated.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public static bool Candidates(ReadOnlySpan<char> token, bool whole, out SpecialCategoryLexicon.Term[]? exact, out SpecialCategoryLexicon.Term[]? prefixed)
    {
        exact = whole ? ExactBySpan.Get(token) : null;
        prefixed = token.Length >= 3 ? ByPrefix3BySpan.Get(token.Slice(0, 3)) : null;
        return exact is not null || prefixed is not null;
    }

    private static SpanKeyedMap<SpecialCategoryLexicon.Term[]> ByCharacters(Dictionary<string, List<SpecialCategoryLexicon.Term>> index) =>
        new(index.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
}

/// <summary>
/// A read-only map from strings, looked up by a span of characters (ordinal): .NET 8 has no such lookup. Flat, for the
/// word loops that ask it for most words of a case note: open addressing over slots that hold each key's full hash (a
/// probe rejects a different key without leaving the slot table), the keys' characters one after another in one array.
/// </summary>
internal sealed class SpanKeyedMap<T>
{
    // Per slot the key's hash and its entry + 1 (0: empty); at most half the slots are used, so probes are short.
    private readonly (uint Hash, int Entry)[] _slots;
    private readonly (int Start, int Length)[] _keys;
    private readonly char[] _chars;
    private readonly T[] _values;
    private readonly int _mask;

    public SpanKeyedMap(IReadOnlyDictionary<string, T> items)
    {
        int size = 16;
        while (size < items.Count * 2)
        {
            size *= 2;
        }

        _mask = size - 1;
        _slots = new (uint, int)[size];
        _keys = new (int, int)[items.Count];
        _values = new T[items.Count];
        _chars = new char[items.Sum(p => p.Key.Length)];
        int entry = 0, at = 0;
        foreach (var pair in items)
        {
            pair.Key.CopyTo(0, _chars, at, pair.Key.Length);
            _keys[entry] = (at, pair.Key.Length);
            _values[entry] = pair.Value;
            at += pair.Key.Length;
            uint hash = Hash(pair.Key.AsSpan());
            int slot = (int)hash & _mask;
            while (_slots[slot].Entry != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = (hash, ++entry);
        }
    }

    /// <summary>The value of <paramref name="key"/>, or default (null, none) when there is none.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public T? Get(ReadOnlySpan<char> key)
    {
        uint hash = Hash(key);
        for (int slot = (int)hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var (slotHash, entry) = _slots[slot];
            if (entry == 0)
            {
                return default;
            }

            if (slotHash == hash)
            {
                var (start, length) = _keys[entry - 1];
                if (length == key.Length && key.SequenceEqual(_chars.AsSpan(start, length)))
                {
                    return _values[entry - 1];
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static uint Hash(ReadOnlySpan<char> key)
    {
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash ^ (hash >> 15);
    }
}
