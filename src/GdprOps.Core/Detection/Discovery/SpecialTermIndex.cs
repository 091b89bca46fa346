using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Detection.Discovery;

/// <summary>Looks up lexicon terms by the first word of a token: exact words directly, prefixes by their first three letters.</summary>
internal static class SpecialTermIndex
{
    private static readonly Dictionary<string, List<SpecialCategoryLexicon.Term>> Exact = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, List<SpecialCategoryLexicon.Term>> ByPrefix3 = new(StringComparer.Ordinal);
    private static readonly HashSet<long> FirstThree = new();

    // The same set for ASCII letters, as a table: [length 2 or 3][a-z][a-z][a-z] (most words of a text are looked up).
    private static readonly bool[] AsciiFirstThree = new bool[2 * 26 * 26 * 26];

    static SpecialTermIndex()
    {
        foreach (var term in SpecialCategoryLexicon.All)
        {
            string first = term.Words[0];
            bool firstIsPrefix = term.Prefix && term.Words.Length == 1;
            var index = firstIsPrefix ? ByPrefix3 : Exact;
            string key = firstIsPrefix ? first.Substring(0, Math.Min(3, first.Length)) : first;
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = new List<SpecialCategoryLexicon.Term>();
            }

            list.Add(term);
            var letters = first.AsSpan(0, Math.Min(3, first.Length));
            FirstThree.Add(Key(letters));
            if (AsciiIndex(letters) is int slot and >= 0)
            {
                AsciiFirstThree[slot] = true;
            }
        }
    }

    /// <summary>Whether a token can start any term, from its first letters, without allocating.</summary>
    public static bool MayStartTerm(ReadOnlySpan<char> token)
    {
        if (token.Length < 2)
        {
            return false;
        }

        var letters = token.Slice(0, Math.Min(3, token.Length));
        int index = AsciiIndex(letters);
        return index >= 0 ? AsciiFirstThree[index] : FirstThree.Contains(Key(letters));
    }

    /// <summary>The table slot of two or three ASCII letters (any case), or -1.</summary>
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

    private static long Key(ReadOnlySpan<char> letters)
    {
        long key = letters.Length;
        foreach (char c in letters)
        {
            key = (key << 16) | char.ToLowerInvariant(c);
        }

        return key;
    }

    public static bool Candidates(string token, out IEnumerable<SpecialCategoryLexicon.Term> terms)
    {
        Exact.TryGetValue(token, out var exact);
        List<SpecialCategoryLexicon.Term>? prefixed = null;
        if (token.Length >= 3)
        {
            ByPrefix3.TryGetValue(token.Substring(0, 3), out prefixed);
        }

        terms = (exact ?? Enumerable.Empty<SpecialCategoryLexicon.Term>()).Concat(prefixed ?? Enumerable.Empty<SpecialCategoryLexicon.Term>());
        return exact is not null || prefixed is not null;
    }
}
