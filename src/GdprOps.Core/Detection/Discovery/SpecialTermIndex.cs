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
            FirstThree.Add(Key(first.AsSpan(0, Math.Min(3, first.Length))));
        }
    }

    /// <summary>Whether a token can start any term, from its first letters, without allocating.</summary>
    public static bool MayStartTerm(ReadOnlySpan<char> token) => token.Length >= 2 && FirstThree.Contains(Key(token.Slice(0, Math.Min(3, token.Length))));

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
